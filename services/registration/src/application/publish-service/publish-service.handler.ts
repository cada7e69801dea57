import { Injectable } from '@nestjs/common';
import { scopeCovers, type Caller } from '@onedoor/contracts';
import {
  assertOrganisationsKnown,
  assertProcessUsable,
  assertServiceDefinition,
  RegistrationError,
  RegistrationErrorCode,
  type ServiceVersion,
} from '../../domain';
import { PublishService } from './publish-service.command';
import { Catalogue } from '../ports';

/**
 * Services of a ministry are published, versioned and retired by that ministry's administrators: of its
 * headquarters or any of its departments (a staff account's token names its unit, the ministry itself at the
 * headquarters), never of one province only.
 */
export function assertMinistry(caller: Caller, ministry: string): void {
  if (!scopeCovers({ ...caller, unit: undefined }, { ministry })) {
    throw new RegistrationError(
      RegistrationErrorCode.OTHER_MINISTRY,
      `Services of ${ministry} are published by that ministry.`,
    );
  }
}

/**
 * Publishes a service, or a new version of one (the current version retires; applications keep theirs). Its process
 * must be one the workflow block runs for this ministry, or every application to it would wait forever.
 */
@Injectable()
export class PublishServiceHandler {
  constructor(private readonly catalogue: Catalogue) {}

  async execute({ definition, caller, existingCode }: PublishService): Promise<ServiceVersion> {
    assertServiceDefinition(definition);
    assertMinistry(caller, definition.ministry);
    if (existingCode && existingCode !== definition.code) {
      throw new RegistrationError(
        RegistrationErrorCode.CODE_MISMATCH,
        `A new version keeps the code ${existingCode}.`,
        [{ field: 'code', message: `expected ${existingCode}` }],
      );
    }
    return this.catalogue.transaction(async (tx) => {
      await tx.lockCode(definition.code);
      const current = await tx.latest(definition.code);
      if (!existingCode && current) {
        throw new RegistrationError(
          RegistrationErrorCode.SERVICE_EXISTS,
          `Service ${definition.code} exists: PUT /registration/services/${definition.code} adds a version.`,
        );
      }
      if (existingCode && !current) {
        throw new RegistrationError(RegistrationErrorCode.SERVICE_NOT_FOUND, `No service ${existingCode}.`);
      }
      if (current) assertMinistry(caller, current.ministry);
      assertOrganisationsKnown(
        definition,
        await tx.organisation(definition.ministry),
        await tx.organisation(definition.unit),
      );
      assertProcessUsable(await tx.process(definition.processKey), definition.processKey, definition.ministry);
      if (current && !current.retiredAt) await tx.retire(current.code);
      return tx.add(definition, (current?.version ?? 0) + 1, caller.sub);
    });
  }
}
