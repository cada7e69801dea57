/**
 * Runs a guide's requests, in order, against a running platform: every ```http block of the guide, each preceded by
 * `<!-- expect <status>[; retry][; keep <name> = <path>, …] -->`. `retry`: the answer may take a moment (another
 * block must hear of an event first), as the guide says; asked again for up to 20 seconds. A guide whose example
 * no longer works fails its test.
 */

export interface GuideStep {
  /** Where the block starts in the guide (1-based), for the failure message. */
  line: number;
  expect: number;
  /** Asked again until the answer is the expected one (an event another block must hear first). */
  retry: boolean;
  /** Values to keep from the answer: name → dotted path in its JSON. */
  keep: Record<string, string>;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const BLOCK = /<!--\s*expect\s+(\d{3})\s*(;\s*retry\s*)?(?:;\s*keep\s+([^>]*?))?\s*-->\s*\n+```http\n([\s\S]*?)\n```/g;

/** The guide's requests. Every ```http block must carry its expectation. */
export function guideSteps(markdown: string): GuideStep[] {
  const steps: GuideStep[] = [];
  for (const match of markdown.matchAll(BLOCK)) {
    const [, status, retry, keeps, block] = match;
    const [head, ...rest] = block.split(/\n\s*\n/);
    const [requestLine, ...headerLines] = head.split('\n');
    const [method, path] = requestLine.trim().split(/\s+/);
    const keep = Object.fromEntries(
      (keeps ?? '')
        .split(',')
        .filter((k) => k.trim())
        .map((k) => k.split('=').map((s) => s.trim()) as [string, string]),
    );
    steps.push({
      line: markdown.slice(0, match.index).split('\n').length,
      expect: Number(status),
      retry: !!retry,
      keep,
      method,
      path,
      headers: Object.fromEntries(
        headerLines.map((h) => {
          const at = h.indexOf(':');
          return [h.slice(0, at).trim().toLowerCase(), h.slice(at + 1).trim()];
        }),
      ),
      body: rest.length ? rest.join('\n\n') : undefined,
    });
  }
  const blocks = markdown.match(/```http\n/g)?.length ?? 0;
  if (blocks !== steps.length) {
    throw new Error(`${blocks - steps.length} of the guide's http blocks carry no <!-- expect … --> line`);
  }
  return steps;
}

const valueAt = (json: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], json);

export interface GuideContext {
  baseUrl: string;
  /** What the reader holds (credentials) and what earlier answers gave. */
  values: Record<string, string>;
  /** The code an SMS to this phone carried (the platform sent it through the SMS gateway). */
  sms(phone: string): Promise<string>;
}

async function substitute(text: string, context: GuideContext): Promise<string> {
  let out = text;
  for (const [whole, name] of text.matchAll(/\{\{([^}]+)\}\}/g)) {
    const value = name.startsWith('sms:') ? await context.sms(name.slice(4)) : context.values[name];
    if (value === undefined) throw new Error(`{{${name}}} has no value yet`);
    out = out.replace(whole, value);
  }
  return out;
}

/** Runs the steps in order; throws at the first answer that is not the guide's, naming the step's line. */
export async function runGuide(steps: GuideStep[], context: GuideContext): Promise<void> {
  for (const step of steps) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.headers)) {
      const filled = await substitute(value, context);
      // `Basic id:secret` in a guide is the Base64 of id:secret on the wire, as curl -u sends it.
      headers[name] =
        name === 'authorization' && /^Basic [^\s]*:/.test(filled)
          ? `Basic ${Buffer.from(filled.slice(6)).toString('base64')}`
          : filled;
    }
    const body = step.body === undefined ? undefined : await substitute(step.body, context);
    const url = `${context.baseUrl}${await substitute(step.path, context)}`;
    const until = Date.now() + (step.retry ? 20_000 : 0);
    let response = await fetch(url, { method: step.method, headers, body });
    while (response.status !== step.expect && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      response = await fetch(url, { method: step.method, headers, body });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.status !== step.expect) {
      throw new Error(
        `line ${step.line}: ${step.method} ${step.path} answered ${response.status}, the guide says ${step.expect}: ${text.slice(0, 500)}`,
      );
    }
    for (const [name, path] of Object.entries(step.keep)) {
      const value = valueAt(json, path);
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new Error(`line ${step.line}: the answer has no ${path} to keep as ${name}: ${text.slice(0, 500)}`);
      }
      context.values[name] = String(value);
    }
  }
}
