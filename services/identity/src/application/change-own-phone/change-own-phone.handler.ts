import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PersonUpdated, selfPersonId, type Caller } from '@onedoor/contracts';
import { IdentityError, IdentityErrorCode, snapshotOf, type PersonRecord } from '../../domain';
import { actorOf } from '../person-access';
import { PersonStore, SignInStore } from '../ports';
import { OneTimeCodes } from '../sign-in/one-time-codes';
import { ConfirmPhoneChange, RequestPhoneChange } from './change-own-phone.command';

/** The person a citizen login is; anyone else (a staff account, a service client) has no "own" phone here. */
function self(caller: Caller): string {
  const personId = selfPersonId(caller);
  if (!personId) {
    throw new IdentityError(
      IdentityErrorCode.FORBIDDEN,
      'A citizen changes their own phone number, signed in as themself.',
    );
  }
  return personId;
}

/**
 * A citizen changes their own phone number, proving the new number is theirs: a one-time code goes to that number
 * (not to the old one, which they may have lost), bound to it, and the register keeps the number only with that
 * code. The change is audited and published (person.updated), so the messaging block writes to the new number.
 */
@Injectable()
export class ChangeOwnPhoneHandler {
  constructor(
    private readonly people: PersonStore,
    private readonly signIn: SignInStore,
    private readonly codes: OneTimeCodes,
  ) {}

  async request({ caller, phone }: RequestPhoneChange) {
    const personId = self(caller);
    return this.signIn.transaction(async (tx) => {
      const person = await tx.activePerson(personId);
      if (!person) throw new IdentityError(IdentityErrorCode.PERSON_NOT_FOUND, 'No active person for this login.');
      if (person.phone === phone) {
        throw new IdentityError(IdentityErrorCode.VALIDATION_FAILED, 'phone: this is already your number', [
          { field: 'phone', message: 'already the number on record' },
        ]);
      }
      const issued = await this.codes.issue(tx, person, 'phone-change', randomUUID(), {
        channel: 'sms',
        destination: phone,
      });
      if (issued === 'TOO_MANY') {
        throw new IdentityError(IdentityErrorCode.TOO_MANY_CODES, 'Too many codes were sent: wait 15 minutes.');
      }
      if (issued === 'NO_ADDRESS') throw new Error('a phone-change code always has its address');
      return { challengeId: issued.challengeId, channel: issued.channel, expiresAt: issued.expiresAt.toISOString() };
    });
  }

  async confirm({ caller, phone, challengeId, code }: ConfirmPhoneChange): Promise<PersonRecord> {
    const personId = self(caller);
    const proven = await this.signIn.transaction((tx) =>
      this.codes.check(tx, challengeId, code, 'phone-change', async (owner) => owner === personId, phone),
    );
    if (!proven) {
      throw new IdentityError(
        IdentityErrorCode.CODE_REFUSED,
        'The code is wrong, expired or was sent to another number: ask for a new one.',
      );
    }
    return this.people.transaction(async (tx) => {
      const person = await tx.lock(personId);
      if (!person || person.status !== 'ACTIVE') {
        throw new IdentityError(IdentityErrorCode.PERSON_NOT_FOUND, 'No active person for this login.');
      }
      person.phone = phone;
      const saved = await tx.save(person);
      await tx.audit(actorOf(caller), 'UPDATE', [personId]);
      await tx.publish(PersonUpdated, {
        ...snapshotOf(saved),
        changed: ['phone'],
        updatedAt: saved.updatedAt.toISOString(),
        updatedBy: caller.sub,
      });
      return saved;
    });
  }
}
