import { Injectable } from '@nestjs/common';
import { compileDefinition, type CompiledDefinition, type Router } from '../../domain';
import type { WorkflowChanges } from '../ports';

const HOLIDAY_CACHE_MS = 60_000;
/** How long a replica keeps the routing table: a changed rule takes effect within this. */
const ROUTING_CACHE_MS = 2_000;

type Rule = { id: string; unit: string; province: string; district: string };

/**
 * What every step needs and rarely changes, kept by this replica: parsed definition versions (they never
 * change once saved), the holiday calendar (a minute) and the routing table (two seconds, per category).
 * Read through the step's transaction the first time.
 */
@Injectable()
export class EngineCaches {
  private readonly compiled = new Map<string, Promise<CompiledDefinition>>();
  private holidays?: { at: number; dates: Set<string> };
  private readonly routing = new Map<string, { at: number; rules: Promise<Rule[]> }>();

  /** A definition version's parsed form; given only the id, its document is read the first time. */
  compiledOf(tx: WorkflowChanges, definition: string | { id: string; bpmn: string }): Promise<CompiledDefinition> {
    const id = typeof definition === 'string' ? definition : definition.id;
    let compiled = this.compiled.get(id);
    if (!compiled) {
      compiled = (typeof definition === 'string' ? tx.definitionBpmn(id) : Promise.resolve(definition.bpmn)).then(
        compileDefinition,
      );
      compiled.catch(() => this.compiled.delete(id));
      this.compiled.set(id, compiled);
    }
    return compiled;
  }

  async holidayDates(tx: WorkflowChanges): Promise<Set<string>> {
    if (!this.holidays || Date.now() - this.holidays.at > HOLIDAY_CACHE_MS) {
      this.holidays = { at: Date.now(), dates: new Set(await tx.holidayDates()) };
    }
    return this.holidays.dates;
  }

  forgetHolidays(): void {
    this.holidays = undefined;
  }

  /**
   * The routing decision: the most specific rule for (category, province, district). The table is read once
   * per ROUTING_CACHE_MS per category (cases are routed in bursts; rules change rarely).
   */
  router(tx: WorkflowChanges): Router {
    return async (category, province, district) => {
      const rules = await this.rulesOf(tx, category);
      const rule = rules.find(
        (r) => (!r.district || r.district === district) && (!r.province || r.province === province),
      );
      return rule ? { unit: rule.unit, ruleId: rule.id } : undefined;
    };
  }

  private rulesOf(tx: WorkflowChanges, category: string): Promise<Rule[]> {
    const hit = this.routing.get(category);
    if (hit && Date.now() - hit.at < ROUTING_CACHE_MS) return hit.rules;
    const rules = tx.routingRules(category);
    if (this.routing.size > 1_000) this.routing.clear();
    this.routing.set(category, { at: Date.now(), rules });
    rules.catch(() => this.routing.delete(category));
    return rules;
  }

  /** Called when this replica changes the routing table, so its next case sees the change at once. */
  forgetRouting(): void {
    this.routing.clear();
  }
}
