import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import type { EventContract } from '@onedoor/contracts';
import { RatingStore, type DecisionRecord, type Transaction } from '../application/ports';
import { DecidedApplication, Rating } from './feedback.entities';

/** Decided applications and their ratings in PostgreSQL (schema `feedback`). */
@Injectable()
export class RatingsRepository extends RatingStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {
    super();
  }

  async rememberDecision(transaction: Transaction, decision: DecisionRecord): Promise<void> {
    await transaction.getRepository(DecidedApplication).save(decision);
  }

  decision(applicationId: string): Promise<DecisionRecord | null> {
    return this.dataSource.getRepository(DecidedApplication).findOneBy({ applicationId });
  }

  rate(
    rating: { applicationId: string; score: number; comment: string | null },
    event: () => { contract: EventContract; payload: unknown },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Rating)
        .values(rating)
        .orIgnore()
        .returning('application_id')
        .execute();
      if (!inserted.raw.length) return false;
      const { contract, payload } = event();
      await this.backbone.publisher.publish(manager, contract, payload as never);
      return true;
    });
  }
}
