import type { EntityManager } from 'typeorm';
import { generateUinCandidate, UinSpaceExhaustedError, type UinPolicy } from '../domain';

/**
 * Issues UINs that were never issued before: a random candidate is claimed with an insert on the registry's
 * primary key, in the caller's transaction (so a rolled-back enrolment frees its number), and drawn again on
 * the rare collision. Safe with any number of concurrent callers and replicas.
 */
export class UinRegistry {
  constructor(private readonly policy: UinPolicy) {}

  /** A number to try: the caller claims it by inserting it into identity.uin_registry, and draws again on conflict. */
  candidate(): string {
    return generateUinCandidate(this.policy);
  }

  async allocate(manager: EntityManager, maxAttempts = 20): Promise<string> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const candidate = generateUinCandidate(this.policy);
      const claimed = await manager.query(
        `INSERT INTO identity.uin_registry (uin) VALUES ($1) ON CONFLICT DO NOTHING RETURNING uin`,
        [candidate],
      );
      if (claimed.length === 1) return candidate;
    }
    throw new UinSpaceExhaustedError(`no free UIN after ${maxAttempts} draws: raise IDENTITY_UIN_LENGTH`);
  }
}
