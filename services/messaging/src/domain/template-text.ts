import { IntlMessageFormat } from 'intl-messageformat';

import type { Language } from './message';

export class MissingVariablesError extends Error {
  constructor(readonly missing: string[]) {
    super(`missing variables: ${missing.join(', ')}`);
  }
}

export class InvalidTemplateError extends Error {}

const cache = new Map<string, IntlMessageFormat>();

/** Compiles an ICU message (variables, plural and select forms); compiled messages are kept. */
export function compile(message: string, language: Language): IntlMessageFormat {
  const key = `${language}\u0000${message}`;
  let compiled = cache.get(key);
  if (!compiled) {
    try {
      compiled = new IntlMessageFormat(message, language === 'lo' ? 'lo-LA' : 'en');
    } catch (error) {
      throw new InvalidTemplateError((error as Error).message);
    }
    if (cache.size > 5_000) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

/** The variables an ICU message uses (top level, plural and select arguments included). */
export function variablesOf(message: string, language: Language): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const element of elements as {
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
    }[]) {
      if ([1, 2, 3, 4, 5, 6].includes(element.type) && typeof element.value === 'string') names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(compile(message, language).getAst() as unknown[]);
  return [...names];
}

/**
 * The text of a template with its variables. A variable the template names and `variables` lacks is an error,
 * unless `optional` (a notification rule's event, whose optional fields come and go): then it is empty, and the
 * text is trimmed (a closing sentence made of an absent reason leaves nothing behind).
 */
export function render(
  message: string,
  language: Language,
  variables: Record<string, unknown>,
  { optional = false }: { optional?: boolean } = {},
): string {
  const missing = variablesOf(message, language).filter((name) => variables[name] === undefined);
  if (missing.length && !optional) throw new MissingVariablesError(missing);
  const values = optional ? { ...Object.fromEntries(missing.map((name) => [name, ''])), ...variables } : variables;
  return String(compile(message, language).format(values as Record<string, string | number>)).trim();
}
