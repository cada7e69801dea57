import { Injectable } from '@nestjs/common';
import { assertReferenceId, WorkflowError, WorkflowErrorCode, type RoutingRuleRecord } from '../../domain';
import { EngineCaches } from '../engine/engine-caches';
import { WorkflowStore } from '../ports';
import { SaveRoutingRule } from './keep-routing-table.command';

/** The routing table: one rule per (category, province, district); the next routed case uses a change. */
@Injectable()
export class KeepRoutingTableHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly caches: EngineCaches,
  ) {}

  async save({ id, category, province, district, unit, caller }: SaveRoutingRule): Promise<RoutingRuleRecord> {
    assertReferenceId(id);
    if (district && !province) {
      throw new WorkflowError(WorkflowErrorCode.VALIDATION_FAILED, 'province: a district rule names its province', [
        { field: 'province', message: 'required with a district' },
      ]);
    }
    const rule: RoutingRuleRecord = {
      id,
      category,
      province: province ?? '',
      district: district ?? '',
      unit,
      updatedBy: caller.sub,
      updatedAt: new Date(),
    };
    const clash = await this.store.clashingRule(rule);
    if (clash) {
      throw new WorkflowError(WorkflowErrorCode.RULE_EXISTS, `Rule ${clash} already routes this category there.`);
    }
    await this.store.saveRoutingRule(rule);
    this.caches.forgetRouting();
    return rule;
  }

  async delete(id: string): Promise<void> {
    const deleted = await this.store.deleteRoutingRule(id);
    this.caches.forgetRouting();
    if (!deleted) throw new WorkflowError(WorkflowErrorCode.RULE_NOT_FOUND, `No routing rule ${id}.`);
  }
}
