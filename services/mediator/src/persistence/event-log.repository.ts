import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { LoggedEvent } from '../domain';
import { EventLog, type Transaction } from '../application/ports';
import { MediatedEvent } from './mediator.entities';

const COLUMNS = `sequence::text AS sequence, id, room, event_type AS "eventType", time, subject,
  correlation_id AS "correlationId", data`;

/** The mediator's event log in `mediator.events`. */
@Injectable()
export class EventLogRepository extends EventLog {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /**
   * Appends under a transaction-scoped lock, so events are numbered in the order they commit: a reader that sees an
   * event sees every event numbered before it, and a cursor never passes one still being written (consumers of
   * several partitions append concurrently).
   */
  async append(event: Omit<LoggedEvent, 'sequence'>, tx: Transaction): Promise<boolean> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('onedoor.mediator.events'))`);
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(MediatedEvent)
      .values({ ...event, data: event.data as object })
      .orIgnore()
      .returning('sequence')
      .execute();
    return inserted.raw.length > 0;
  }

  async next(room: string, eventType: string, cursor: string, notBefore: Date): Promise<LoggedEvent | null> {
    const [first] = await this.after(room, eventType, cursor, notBefore, 1, this.dataSource.manager);
    return first ?? null;
  }

  after(
    room: string,
    eventType: string,
    cursor: string,
    notBefore: Date,
    limit: number,
    tx: Transaction,
  ): Promise<LoggedEvent[]> {
    return tx.query(
      `SELECT ${COLUMNS} FROM mediator.events
        WHERE room = $1 AND event_type = $2 AND sequence > $3::bigint AND received_at >= $4
        ORDER BY sequence LIMIT $5`,
      [room, eventType, cursor, notBefore, limit],
    );
  }

  async byId(id: string): Promise<LoggedEvent | null> {
    if (!isUUID(id)) return null;
    const [event] = await this.dataSource.query(`SELECT ${COLUMNS} FROM mediator.events WHERE id = $1`, [id]);
    return event ?? null;
  }

  async sequenceBefore(time: Date): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(max(sequence), 0)::text AS sequence FROM mediator.events WHERE received_at < $1`,
      [time],
    );
    return row.sequence;
  }

  async last(): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(max(sequence), 0)::text AS sequence FROM mediator.events`,
    );
    return row.sequence;
  }

  async prune(before: Date): Promise<number> {
    const [, count] = await this.dataSource.query(`DELETE FROM mediator.events WHERE received_at < $1`, [before]);
    return Number(count ?? 0);
  }
}
