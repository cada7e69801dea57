import type { DataSource } from 'typeorm';
import { preparedQuery } from './prepared-query';

/**
 * Failed attempts at guessing something (a tracking code with its phone digits, a case's PIN), counted per key (a
 * client address, a code) in windows, in a table `(key text primary key, window_start timestamptz, failures integer)`
 * of the block's schema: every replica sees the same counts, so guessing is throttled across them.
 */
export class FailedAttempts {
  constructor(
    private readonly dataSource: DataSource,
    /** `schema.table`, as the block's migration made it. */
    private readonly table: string,
  ) {}

  /** Whether any of the keys has `max` failures within the last `minutes`. */
  async blocked(keys: string[], max: number, minutes: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM ${this.table}
        WHERE key = ANY($1) AND window_start > now() - make_interval(mins => $2::integer) AND failures >= $3`,
      [keys, minutes, max],
    );
    return rows.length > 0;
  }

  /**
   * Counts an attempt against each key, in its window, and says whether every key is still within `max` (a flood:
   * the attempt that goes over is refused, and counted all the same). One statement: check and count never race.
   */
  async attempt(keys: string[], max: number, minutes: number): Promise<boolean> {
    const rows = await preparedQuery<{ failures: number }>(this.dataSource, `${this.upsert()} RETURNING failures`, [
      keys,
      minutes,
    ]);
    return rows.every((row) => row.failures <= max);
  }

  /** Counts a failure against each key, in its window (a window older than `minutes` starts again). */
  async failed(keys: string[], minutes: number): Promise<void> {
    await this.dataSource.query(this.upsert(), [keys, minutes]);
  }

  /** One more against each key ($1) in its window of $2 minutes. */
  private upsert(): string {
    const name = this.table.split('.').pop()!;
    return `INSERT INTO ${this.table} (key, window_start, failures) SELECT unnest($1::text[]), now(), 1
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN ${name}.window_start > now() - make_interval(mins => $2::integer) THEN ${name}.failures + 1 ELSE 1 END,
           window_start = CASE WHEN ${name}.window_start > now() - make_interval(mins => $2::integer) THEN ${name}.window_start ELSE now() END`;
  }
}
