/** Lao PDR's working week: Monday to Friday. */
const WEEKEND = new Set([0, 6]);
const TIME_ZONE_OFFSET_MS = 7 * 3_600_000; // Indochina Time, UTC+7, no daylight saving

/** A calendar day in Vientiane, as YYYY-MM-DD. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + TIME_ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The moment `days` working days after `from`, at the same time of day (Vientiane time): weekends and the
 * given public holidays do not count. Zero days is `from` itself.
 */
export function addWorkingDays(from: Date, days: number, holidays: ReadonlySet<string>): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('working days must be a whole number, 0 or more');
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += 86_400_000;
    const local = new Date(at + TIME_ZONE_OFFSET_MS);
    if (WEEKEND.has(local.getUTCDay()) || holidays.has(local.toISOString().slice(0, 10))) continue;
    left -= 1;
  }
  return new Date(at);
}
