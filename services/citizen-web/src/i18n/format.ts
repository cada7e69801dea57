import type { Lang } from './messages';

const ZONE = 'Asia/Vientiane';
const LOCALE: Record<Lang, string> = { lo: 'lo-LA', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let made = cache.get(key) as T | undefined;
  if (!made) cache.set(key, (made = make()));
  return made;
}

/**
 * A date as government forms write it: day, month and year in that order, in Vientiane's time (Lao: "1 ທັນວາ 2026";
 * English: "1 December 2026"). `short`: "01/12/2026", as on printed forms.
 */
export function formatDate(lang: Lang, value: string | Date | undefined, style: 'long' | 'short' = 'long'): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE }
      : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: ZONE };
  return formatter(`d:${lang}:${style}`, () => new Intl.DateTimeFormat(LOCALE[lang], options)).format(date);
}

/** A moment in a history: the date and the time of day, in Vientiane's time. */
export function formatDateTime(lang: Lang, value: string | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const time = formatter(
    `t:${lang}`,
    () => new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: ZONE }),
  ).format(date);
  return `${formatDate(lang, date)}, ${time}`;
}

/** An amount of kip: Lao groups thousands with dots and writes the unit after ("150.000 ກີບ"); English "LAK 150,000". */
export function formatKip(lang: Lang, amount: number): string {
  const number = formatter(`n:${lang}`, () => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 }));
  return lang === 'lo' ? `${number.format(amount)} ກີບ` : `LAK ${number.format(amount)}`;
}

/** A number of bytes as people read it (KB, MB). */
export function formatBytes(lang: Lang, bytes: number): string {
  const number = formatter(`b:${lang}`, () => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1 }));
  return bytes >= 1_000_000 ? `${number.format(bytes / 1_000_000)} MB` : `${number.format(bytes / 1_000)} KB`;
}
