import { Injectable } from '@nestjs/common';
import {
  assertHrFor,
  IdentityError,
  IdentityErrorCode,
  postingColumns,
  postingOf,
  type CivilServantRecord,
} from '../../domain';
import { assertPostingKnown, lockManaged, startAssignment } from '../civil-servant-access';
import { CivilServantStore, ReferenceCodes } from '../ports';
import { MoveCivilServant } from './move-civil-servant.command';

/** Ends the current assignment and starts the next, after it; civil-servant.assigned says from where to where. */
@Injectable()
export class MoveCivilServantHandler {
  constructor(
    private readonly civilServants: CivilServantStore,
    private readonly codes: ReferenceCodes,
  ) {}

  async execute({ caller, personId, to, effectiveFrom, reason }: MoveCivilServant): Promise<CivilServantRecord> {
    await assertPostingKnown(this.codes, to, 'to');
    return this.civilServants.transaction(async (tx) => {
      const record = await lockManaged(tx, caller, personId);
      // Both ends of a move are in the mover's scope: HR of one ministry moves nobody into another.
      assertHrFor(caller, to.ministryCode);
      const current = await tx.currentAssignment(personId);
      if (current && effectiveFrom <= current.effectiveFrom) {
        throw new IdentityError(
          IdentityErrorCode.MOVE_BEFORE_CURRENT,
          `The current posting started on ${current.effectiveFrom}; a move takes effect after it.`,
          [{ field: 'effectiveFrom', message: `must be after ${current.effectiveFrom}` }],
        );
      }
      const from = postingOf(record);
      await tx.endAssignments(personId, effectiveFrom);
      Object.assign(record, postingColumns(to));
      const saved = await tx.save(record);
      await startAssignment(tx, caller, saved, to, effectiveFrom, reason, from);
      return saved;
    });
  }
}
