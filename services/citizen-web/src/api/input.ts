// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * A person's text as the app passes it on: a string, with control characters other than tab and line breaks taken
 * out (a NUL would make a block refuse the whole request, and no form needs them), trimmed and cut to `max`.
 * Anything else (absent, a list, an object) is undefined.
 */
export function inputText(value: unknown, max = 200): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.replace(CONTROL, '').trim().slice(0, max);
}

/** A posted form's text field (see inputText), '' when it is not there. */
export const formText = (body: Record<string, unknown>, name: string, max = 5_000): string =>
  inputText(body[name], max) ?? '';

/** A calendar day as a date input sends it (YYYY-MM-DD), and one that exists: 2026-02-31 is not one. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}
