import { Injectable } from '@nestjs/common';
import { type Caller, ROLES, scopeCovers, selfPersonId } from '@onedoor/contracts';
import {
  prefilled,
  RegistrationError,
  RegistrationErrorCode,
  SERVICE_TOPICS,
  unmetRules,
  type ServiceVersion,
} from '../../domain';
import { ApplicationStore, Catalogue } from '../ports';

/** The service catalogue as applicants and integrators read it. */
@Injectable()
export class CatalogueQueries {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly applications: ApplicationStore,
  ) {}

  current(page: { offset: number; limit: number }, filter: { ministry?: string; topic?: string } = {}) {
    return this.catalogue.current(page, filter);
  }

  /** The catalogue's topics, in Lao and English. */
  topics() {
    return SERVICE_TOPICS;
  }

  /** A version by id, or the current version by code (retired versions only when asked). */
  async service(serviceId: string, includeRetired = true): Promise<ServiceVersion> {
    const service = await this.catalogue.find(serviceId, includeRetired);
    if (!service) throw new RegistrationError(RegistrationErrorCode.SERVICE_NOT_FOUND, `No service ${serviceId}.`);
    return service;
  }

  /**
   * A service's current definition as its ministry's administrators wrote it (prefill sources and eligibility rules
   * included, which the catalogue does not show), to write its next version from. Another ministry's: not found.
   */
  async definition(caller: Caller, code: string): Promise<ServiceVersion> {
    const service = await this.service(code, false);
    if (
      !caller.roles.includes(ROLES.platformOperator) &&
      !scopeCovers({ ...caller, unit: undefined }, { ministry: service.ministry })
    )
      throw new RegistrationError(RegistrationErrorCode.SERVICE_NOT_FOUND, `No service ${code}.`);
    return service;
  }

  /** Every version of the service, newest first. */
  async versions(serviceId: string): Promise<ServiceVersion[]> {
    return this.catalogue.versions((await this.service(serviceId)).code);
  }

  /**
   * Once only: the form values the government already holds about the applicant (the caller, or whom a counter
   * clerk names), and whether they may apply: rules about the form wait for the form; the others are decided now.
   */
  async prefill(serviceId: string, caller: Caller, applicantId?: string) {
    const service = await this.service(serviceId, false);
    const personId = caller.roles.includes(ROLES.registrationClerk) && applicantId ? applicantId : selfPersonId(caller);
    const person = personId ? await this.applications.knownPerson(personId) : null;
    const values = prefilled(service, person);
    const unmet = unmetRules(
      service.eligibility.filter((r) => !/\bform\b/.test(r.rule)),
      { form: values, person: person ?? {}, today: new Date().toISOString().slice(0, 10) },
    );
    return { eFormId: service.id, data: values, eligible: unmet.length === 0, reasons: unmet };
  }
}
