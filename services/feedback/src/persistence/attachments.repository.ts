import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Attachments, type AttachmentRecord } from '../application/ports';
import { Attachment, HotlineCase } from './feedback.entities';

/** Attachments in `feedback.attachments`, counted under the case's row lock (two uploads never pass the limit). */
@Injectable()
export class AttachmentsRepository extends Attachments {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  add(record: Omit<AttachmentRecord, 'createdAt'>, max: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(HotlineCase)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: record.caseId })
        .getOne();
      if ((await manager.getRepository(Attachment).countBy({ caseId: record.caseId })) >= max) return false;
      await manager.getRepository(Attachment).insert(record);
      return true;
    });
  }

  of(caseId: string): Promise<AttachmentRecord[]> {
    return this.dataSource.getRepository(Attachment).find({ where: { caseId }, order: { createdAt: 'ASC' } });
  }
}
