import { Injectable } from '@nestjs/common';
import type { Caller } from '@onedoor/contracts';
import {
  assertReferenceId,
  mayChangeOwned,
  ownerFor,
  WorkflowError,
  WorkflowErrorCode,
  type RoutingRuleRecord,
} from '../../domain';
import { EngineCaches } from '../engine/engine-caches';
import { WorkflowStore } from '../ports';
import { SaveRoutingRule } from './keep-routing-table.command';

/**
 * The routing table: one rule per (category, province, district); the next routed case uses a change. A category's
 * rules belong to one ministry (or are national): a ministry's administrator keeps its own categories' rules and
 * cannot add a rule to, or change, another's.
 */
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
    const existing = await this.store.routingRule(id);
    if (existing) this.assertKeeps(caller, existing);
    const owners = await this.store.categoryOwners(category, id);
    const owner = existing ? existing.ministry : (owners[0] ?? ownerFor(caller));
    if (!owners.every((o) => o === owner) || !mayChangeOwned(caller, owner)) {
      throw new WorkflowError(WorkflowErrorCode.OUT_OF_SCOPE, `The rules of ${category} are another ministry's.`, [
        { field: 'category', message: 'kept by another ministry' },
      ]);
    }
    const rule: RoutingRuleRecord = {
      id,
      category,
      province: province ?? '',
      district: district ?? '',
      unit,
      ministry: owner,
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

  private assertKeeps(caller: Caller, rule: RoutingRuleRecord) {
    if (!mayChangeOwned(caller, rule.ministry)) {
      throw new WorkflowError(WorkflowErrorCode.OUT_OF_SCOPE, `Rule ${rule.id} is another ministry's.`);
    }
  }

  async delete(id: string, caller: Caller): Promise<void> {
    const existing = await this.store.routingRule(id);
    if (existing) this.assertKeeps(caller, existing);
    const deleted = await this.store.deleteRoutingRule(id);
    this.caches.forgetRouting();
    if (!deleted) throw new WorkflowError(WorkflowErrorCode.RULE_NOT_FOUND, `No routing rule ${id}.`);
  }
}
