import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Grants } from '../application/ports';
import { Grant } from './mediator.entities';

/** Grants in `mediator.grants`: a client reads a type when granted that type or every type of its room (`*`). */
@Injectable()
export class GrantsRepository extends Grants {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async allows(clientId: string, room: string, eventType: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM mediator.grants WHERE client_id = $1 AND room = $2 AND event_type IN ($3, '*') LIMIT 1`,
      [clientId, room, eventType],
    );
    return rows.length > 0;
  }

  list(clientId?: string) {
    return this.dataSource.getRepository(Grant).find({
      where: clientId ? { clientId } : {},
      select: { clientId: true, room: true, eventType: true, grantedBy: true },
      order: { clientId: 'ASC', room: 'ASC', eventType: 'ASC' },
      take: 1_000,
    });
  }

  async grant(clientId: string, room: string, eventType: string, grantedBy: string): Promise<void> {
    await this.dataSource
      .getRepository(Grant)
      .createQueryBuilder()
      .insert()
      .values({ clientId, room, eventType, grantedBy })
      .orIgnore()
      .execute();
  }

  async revoke(clientId: string, room: string, eventType: string): Promise<boolean> {
    const deleted = await this.dataSource.getRepository(Grant).delete({ clientId, room, eventType });
    return (deleted.affected ?? 0) > 0;
  }
}
