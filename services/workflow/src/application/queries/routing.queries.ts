import { Injectable } from '@nestjs/common';
import { WorkflowError, WorkflowErrorCode } from '../../domain';
import { EngineCaches } from '../engine/engine-caches';
import { WorkflowStore } from '../ports';

/** The reference data that moves cases: routing table and its decisions, holidays, endpoints, event mappings. */
@Injectable()
export class RoutingQueries {
  constructor(
    private readonly store: WorkflowStore,
    private readonly caches: EngineCaches,
  ) {}

  rules(category?: string) {
    return this.store.allRoutingRules(category);
  }

  /** Which unit the table routes a case to (the most specific rule wins), as the engine decides it. */
  async decide(category: string, province?: string, district?: string) {
    const decision = await this.store.transaction((tx) => this.caches.router(tx)(category, province, district));
    if (!decision) {
      throw new WorkflowError(
        WorkflowErrorCode.NO_ROUTE,
        `No routing rule for ${category} in ${district ?? province ?? 'the country'}.`,
      );
    }
    return decision;
  }

  holidays(year?: string) {
    return this.store.holidays(year && /^\d{4}$/.test(year) ? Number(year) : undefined);
  }

  endpoints() {
    return this.store.endpoints();
  }

  mappings() {
    return this.store.allEventMappings();
  }
}
