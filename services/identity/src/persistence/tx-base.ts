import type { EntityManager } from 'typeorm';
import type { EventBackbone } from '@onedoor/backbone';
import type { EventContract, PayloadOf } from '@onedoor/contracts';

/** What every identity transaction object shares: its manager, and its events written to the outbox with it. */
export abstract class IdentityTx {
  constructor(
    protected readonly manager: EntityManager,
    private readonly backbone: EventBackbone,
  ) {}

  async publish<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void> {
    await this.backbone.publisher.publish(this.manager, contract, payload);
  }
}
