import { Injectable } from '@nestjs/common';
import { PersonDeactivated, PersonReactivated } from '@onedoor/contracts';
import { IdentityError, IdentityErrorCode, type PersonRecord } from '../../domain';
import { actorOf, lockForChange } from '../person-access';
import { PersonStore } from '../ports';
import { ChangePersonStatus } from './change-person-status.command';

@Injectable()
export class ChangePersonStatusHandler {
  constructor(private readonly people: PersonStore) {}

  execute({ caller, personId: id, to, reason }: ChangePersonStatus): Promise<PersonRecord> {
    return this.people.transaction(async (tx) => {
      const person = await lockForChange(tx, caller, id);
      if (person.status === to) {
        throw new IdentityError(
          to === 'ACTIVE' ? IdentityErrorCode.PERSON_ALREADY_ACTIVE : IdentityErrorCode.PERSON_ALREADY_DEACTIVATED,
          `This person is already ${to.toLowerCase()}.`,
        );
      }
      person.status = to;
      person.statusReason = reason;
      const saved = await tx.save(person);
      await tx.audit(actorOf(caller), to === 'ACTIVE' ? 'REACTIVATE' : 'DEACTIVATE', [id]);
      await tx.publish(to === 'ACTIVE' ? PersonReactivated : PersonDeactivated, {
        personId: id,
        reason,
        at: saved.updatedAt.toISOString(),
        by: caller.sub,
      });
      return saved;
    });
  }
}
