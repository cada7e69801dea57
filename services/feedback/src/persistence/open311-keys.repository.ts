import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Open311Keys, type Open311KeyRecord } from '../application/ports';
import { Open311Key } from './feedback.entities';

const view = ({ keyDigest: _, ...record }: Open311Key): Open311KeyRecord => record;

/** Open311 API keys in `feedback.open311_keys` (digests only). */
@Injectable()
export class Open311KeysRepository extends Open311Keys {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async add(record: Omit<Open311KeyRecord, 'createdAt' | 'revokedAt'> & { keyDigest: string }): Promise<void> {
    await this.dataSource.getRepository(Open311Key).insert(record);
  }

  async list(): Promise<Open311KeyRecord[]> {
    return (await this.dataSource.getRepository(Open311Key).find({ order: { createdAt: 'ASC' }, take: 1_000 })).map(
      view,
    );
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(Open311Key)
      .update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async byDigest(keyDigest: string): Promise<Open311KeyRecord | null> {
    const found = await this.dataSource.getRepository(Open311Key).findOneBy({ keyDigest, revokedAt: IsNull() });
    return found && view(found);
  }
}
