import { Jexl } from 'jexl';

type CompiledExpression = ReturnType<InstanceType<typeof Jexl>['compile']>;

const jexl = new Jexl();
const compiled = new Map<string, CompiledExpression>();
const WHOLE = /^\$\{(.+?)\}$/s;
const ANY = /\$\{(.+?)\}/gs;

/** Compiles (and caches) one `${…}` body; throws on a syntax error. */
export function compileExpression(body: string): CompiledExpression {
  let expression = compiled.get(body);
  if (!expression) {
    expression = jexl.compile(body);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(body, expression);
  }
  return expression;
}

/** The `${…}` bodies in a text. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(ANY)].map((match) => match[1]);
}

/**
 * Expressions for bpmn-elements: `${environment.variables.outcome == 'approve'}` with comparisons, `&&`, `||`,
 * `!` and arithmetic, evaluated by Jexl against the element's scope. No scripts, no function calls: a process
 * definition cannot run code on the platform.
 */
export const SAFE_EXPRESSIONS = {
  resolveExpression(template: unknown, context: Record<string, unknown>): unknown {
    if (typeof template !== 'string') return template;
    const whole = WHOLE.exec(template);
    if (whole) return compileExpression(whole[1]).evalSync(context);
    return template.replace(ANY, (_, body: string) => {
      const value = compileExpression(body).evalSync(context);
      return value === undefined || value === null ? '' : String(value);
    });
  },
  isExpression(text: unknown): boolean {
    return typeof text === 'string' && WHOLE.test(text);
  },
  hasExpression(text: unknown): boolean {
    return typeof text === 'string' && /\$\{(.+?)\}/s.test(text);
  },
};
