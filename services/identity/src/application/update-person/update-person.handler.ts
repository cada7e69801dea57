import { Injectable } from '@nestjs/common';
import { PersonUpdated } from '@onedoor/contracts';
import {
  assertOfficerFor,
  IdentityError,
  IdentityErrorCode,
  nameKeys,
  normaliseName,
  snapshotOf,
  type PersonRecord,
} from '../../domain';
import { actorOf, lockForChange } from '../person-access';
import { PersonStore, ReferenceCodes } from '../ports';
import { UpdatePerson } from './update-person.command';

/** Changes what was asked (nothing if nothing differs), audited, with person.updated naming the fields. */
@Injectable()
export class UpdatePersonHandler {
  constructor(
    private readonly people: PersonStore,
    private readonly codes: ReferenceCodes,
  ) {}

  async execute(command: UpdatePerson): Promise<PersonRecord> {
    const { caller, personId: id, address } = command;
    if (address) {
      const errors = await this.codes.addressErrors(address, 'address.');
      if (errors.length) {
        throw new IdentityError(IdentityErrorCode.UNKNOWN_ADMIN_AREA, errors.map((e) => e.message).join('; '), errors);
      }
    }
    return this.people.transaction(async (tx) => {
      const person = await lockForChange(tx, caller, id, command.expectedVersion);
      if (address) assertOfficerFor(caller, address.provinceCode);
      const next: Partial<PersonRecord> = {};
      for (const field of ['givenNameLo', 'familyNameLo', 'givenNameEn', 'familyNameEn'] as const) {
        if (command[field] !== undefined) next[field] = normaliseName(command[field]!);
      }
      if (command.sex) next.sex = command.sex;
      if (command.phone) next.phone = command.phone;
      if (command.email) next.email = command.email.toLowerCase();
      if (command.preferredLanguage) next.preferredLanguage = command.preferredLanguage;
      if (command.preferredChannel) next.preferredChannel = command.preferredChannel;
      if (address) {
        next.provinceCode = address.provinceCode;
        next.districtCode = address.districtCode;
        next.villageCode = address.villageCode ?? null;
        next.addressLine = address.line ? normaliseName(address.line) : null;
      }
      const changed = Object.keys(next).filter(
        (key) => next[key as keyof PersonRecord] !== person[key as keyof PersonRecord],
      );
      if (!changed.length) return person;
      Object.assign(person, next, nameKeys({ ...person, ...next }));
      if (
        (person.preferredChannel === 'sms' && !person.phone) ||
        (person.preferredChannel === 'email' && !person.email)
      ) {
        throw new IdentityError(
          IdentityErrorCode.CHANNEL_WITHOUT_ADDRESS,
          `The preferred channel ${person.preferredChannel} needs ${person.preferredChannel === 'sms' ? 'a phone' : 'an email address'}.`,
        );
      }
      const saved = await tx.save(person);
      await tx.audit(actorOf(caller), 'UPDATE', [id]);
      await tx.publish(PersonUpdated, {
        ...snapshotOf(saved),
        changed,
        updatedAt: saved.updatedAt.toISOString(),
        updatedBy: caller.sub,
      });
      return saved;
    });
  }
}
