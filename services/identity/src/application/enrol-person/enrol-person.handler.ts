import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { activeTraceId } from '@onedoor/observability';
import {
  assertOfficerFor,
  assertReachable,
  auditActor,
  IdentityError,
  IdentityErrorCode,
  nameKeys,
  normaliseName,
  UinSpaceExhaustedError,
  type PersonRecord,
} from '../../domain';
import { PersonStore, ReferenceCodes } from '../ports';
import { EnrolPerson } from './enrol-person.command';

/**
 * Enrols a person: checked against the reference data, refused as a likely duplicate (the candidates named) unless
 * the officer cleared them, and written in one statement with a new UIN, the audit row and person.enrolled.
 */
@Injectable()
export class EnrolPersonHandler {
  constructor(
    private readonly people: PersonStore,
    private readonly codes: ReferenceCodes,
  ) {}

  async execute(command: EnrolPerson): Promise<PersonRecord> {
    const { caller, address } = command;
    assertOfficerFor(caller, address.provinceCode);
    const errors = await this.codes.addressErrors(address, 'address.');
    if (errors.length) {
      throw new IdentityError(IdentityErrorCode.UNKNOWN_ADMIN_AREA, errors.map((e) => e.message).join('; '), errors);
    }
    const names = {
      givenNameLo: normaliseName(command.givenNameLo),
      familyNameLo: normaliseName(command.familyNameLo),
      givenNameEn: command.givenNameEn ? normaliseName(command.givenNameEn) : null,
      familyNameEn: command.familyNameEn ? normaliseName(command.familyNameEn) : null,
    };
    const preferredChannel = command.preferredChannel ?? (command.phone ? 'sms' : 'email');
    assertReachable({ preferredChannel, phone: command.phone ?? null, email: command.email ?? null });
    const now = new Date();
    const draw = (): PersonRecord => ({
      id: randomUUID(),
      uin: this.people.uinCandidate(),
      ...names,
      ...nameKeys(names),
      dateOfBirth: command.dateOfBirth,
      sex: command.sex,
      provinceCode: address.provinceCode,
      districtCode: address.districtCode,
      villageCode: address.villageCode ?? null,
      addressLine: address.line ? normaliseName(address.line) : null,
      phone: command.phone ?? null,
      email: command.email?.toLowerCase() ?? null,
      preferredLanguage: command.preferredLanguage ?? 'lo',
      preferredChannel,
      status: 'ACTIVE',
      statusReason: null,
      distinctFrom: [...new Set(command.distinctFrom ?? [])],
      enrolledBy: caller.sub,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const { person, outcome } = await this.people.enrol(draw, auditActor(caller, activeTraceId()));
    if (outcome.kind === 'DUPLICATE') {
      throw new IdentityError(
        IdentityErrorCode.LIKELY_DUPLICATE,
        'This looks like a person already enrolled. Check the candidates; if they are other people, send their ids in distinctFrom.',
        undefined,
        { candidates: outcome.candidates },
      );
    }
    if (outcome.kind === 'UIN_TAKEN')
      throw new UinSpaceExhaustedError('no free UIN after 20 draws: raise IDENTITY_UIN_LENGTH');
    return person;
  }
}
