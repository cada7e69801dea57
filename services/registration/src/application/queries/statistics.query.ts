import { Injectable } from '@nestjs/common';
import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import { ApplicationReads, type DecisionFilter } from '../ports';

/**
 * GovStack's statistics: applications by service, status, office and province, and decisions against the
 * service-level target. Officers and ministry administrators see their ministry's (and province's) figures;
 * operators see all.
 */
@Injectable()
export class StatisticsQuery {
  constructor(private readonly reads: ApplicationReads) {}

  async execute(caller: Caller, range: { from?: string; to?: string }) {
    const everything = hasRole(caller, ROLES.platformOperator);
    const from = range.from ?? '1970-01-01';
    const to = range.to ?? '9999-12-31';
    const figures = await this.reads.statistics(
      from,
      to,
      everything ? null : (caller.ministry ?? null),
      everything ? null : (caller.province ?? null),
    );
    return { from, to, ...figures };
  }

  /**
   * GovStack's statistics: officers' decisions (processed, approved, sent back, rejected) in the range, in all or
   * per day, week, month or year, within what the caller may see.
   */
  decisions(
    caller: Caller,
    filter: Omit<DecisionFilter, 'ministry' | 'province' | 'from' | 'to'> & { from?: string; to?: string },
  ) {
    const everything = hasRole(caller, ROLES.platformOperator);
    return this.reads.decisions({
      ...filter,
      from: filter.from ?? '1970-01-01',
      to: filter.to ?? '9999-12-31',
      ministry: everything ? null : (caller.ministry ?? null),
      province: everything ? null : (caller.province ?? null),
    });
  }
}
