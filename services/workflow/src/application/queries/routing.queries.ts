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

  /** One routing rule. */
  async rule(id: string) {
    const found = await this.store.routingRule(id);
    if (!found) throw new WorkflowError(WorkflowErrorCode.RULE_NOT_FOUND, `No routing rule ${id}.`);
    return found;
  }

  /** One public holiday (YYYY-MM-DD). */
  async holiday(date: string) {
    const year = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Number(date.slice(0, 4)) : undefined;
    const found = year ? (await this.store.holidays(year)).find((h) => h.date === date) : undefined;
    if (!found) throw new WorkflowError(WorkflowErrorCode.HOLIDAY_NOT_FOUND, `No public holiday on ${date}.`);
    return found;
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
