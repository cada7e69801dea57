import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import {
  WorkflowChanges,
  WorkflowStore,
  type InstanceFilter,
  type Page,
  type TaskFilter,
  type Transaction,
} from '../application/ports';
import type {
  DefinitionRecord,
  EndpointRecord,
  EventMappingRecord,
  HistoryRecord,
  InstanceRecord,
  RoutingRuleRecord,
  TaskRecord,
} from '../domain';
import { WorkflowTx } from './workflow-tx';
import {
  Endpoint,
  EventMapping,
  Holiday,
  InstanceHistory,
  ProcessDefinition,
  ProcessInstance,
  RoutingRule,
  UserTask,
} from './workflow.entities';

/** The workflow block in PostgreSQL (schema `workflow`): transactions, reads and reference data. */
@Injectable()
export class WorkflowRepository implements WorkflowStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  transaction<T>(work: (tx: WorkflowChanges) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new WorkflowTx(manager, this.backbone)));
  }

  within(transaction: Transaction): WorkflowChanges {
    return new WorkflowTx(transaction as EntityManager, this.backbone);
  }

  definitions(page: Page, allVersions: boolean, ministry?: string): Promise<[DefinitionRecord[], number]> {
    const qb = this.dataSource.getRepository(ProcessDefinition).createQueryBuilder('d').where('d.deleted_at IS NULL');
    // domain/access.ts mayUseOwned, as SQL.
    if (ministry) qb.andWhere('(d.ministry IS NULL OR d.ministry = :ministry)', { ministry });
    if (!allVersions) {
      qb.andWhere(
        'd.version = (SELECT max(v.version) FROM workflow.definitions v WHERE v.key = d.key AND v.deleted_at IS NULL)',
      );
    }
    return qb.orderBy('d.key').addOrderBy('d.version', 'DESC').skip(page.offset).take(page.limit).getManyAndCount();
  }

  instances(filter: InstanceFilter, page: Page): Promise<[InstanceRecord[], number]> {
    const qb = this.dataSource.getRepository(ProcessInstance).createQueryBuilder('i');
    if (filter.unit) {
      // A task at the unit, within the officer's ministry and province (domain/access.ts taskInScope).
      qb.andWhere(
        `EXISTS (SELECT 1 FROM workflow.tasks t WHERE t.instance_id = i.id AND t.unit = :unit
           AND (:ministry::text IS NULL OR t.ministry IS NULL OR t.ministry = :ministry)
           AND (:province::text IS NULL OR t.province IS NULL OR t.province = :province))`,
        { unit: filter.unit, ministry: filter.ministry ?? null, province: filter.province ?? null },
      );
    }
    if (filter.caseOf) {
      qb.andWhere(`i.variables->>'ministry' = :caseMinistry`, { caseMinistry: filter.caseOf.ministry });
      if (filter.caseOf.province) {
        qb.andWhere(`i.variables->>'province' = :caseProvince`, { caseProvince: filter.caseOf.province });
      }
    }
    if (filter.processId) {
      qb.andWhere('(i.definition_id::text = :pid OR i.process_ref LIKE :prefix)', {
        pid: filter.processId,
        prefix: `${filter.processId}:%`,
      });
    }
    if (filter.state) qb.andWhere('i.state = :state', { state: filter.state });
    if (filter.businessKey) qb.andWhere('i.business_key = :bk', { bk: filter.businessKey });
    return qb.orderBy('i.started_at', 'DESC').skip(page.offset).take(page.limit).getManyAndCount();
  }

  instance(id: string): Promise<InstanceRecord | null> {
    return this.dataSource.getRepository(ProcessInstance).findOneBy({ id });
  }

  tasksOf(instanceId: string): Promise<TaskRecord[]> {
    return this.dataSource.getRepository(UserTask).find({ where: { instanceId }, order: { createdAt: 'ASC' } });
  }

  historyOf(instanceId: string): Promise<HistoryRecord[]> {
    return this.dataSource
      .getRepository(InstanceHistory)
      .find({ where: { instanceId }, order: { id: 'ASC' }, take: 500 });
  }

  tasks(filter: TaskFilter, page: Page): Promise<[TaskRecord[], number]> {
    const qb = this.dataSource.getRepository(UserTask).createQueryBuilder('t');
    if (filter.unit) qb.andWhere('t.unit = :unit', { unit: filter.unit });
    // domain/access.ts taskInScope, as SQL: a claim and a task's value, where both exist, must match.
    if (filter.ministry) qb.andWhere('(t.ministry IS NULL OR t.ministry = :ministry)', { ministry: filter.ministry });
    if (filter.province) qb.andWhere('(t.province IS NULL OR t.province = :province)', { province: filter.province });
    if (filter.caseOf) {
      qb.andWhere('t.ministry = :caseMinistry', { caseMinistry: filter.caseOf.ministry });
      if (filter.caseOf.province) qb.andWhere('t.province = :caseProvince', { caseProvince: filter.caseOf.province });
    }
    if (filter.roles) qb.andWhere('t.role IN (:...roles)', { roles: filter.roles.length ? filter.roles : [''] });
    qb.andWhere('t.state IN (:...states)', { states: filter.states });
    if (filter.assignee) qb.andWhere('t.assignee = :me', { me: filter.assignee });
    return qb
      .orderBy('t.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('t.created_at', 'ASC')
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
  }

  endpoint(name: string): Promise<EndpointRecord | null> {
    return this.dataSource.getRepository(Endpoint).findOneBy({ name });
  }

  endpoints(): Promise<EndpointRecord[]> {
    return this.dataSource.getRepository(Endpoint).find({ order: { name: 'ASC' } });
  }

  async saveEndpoint(endpoint: EndpointRecord): Promise<void> {
    await this.dataSource.getRepository(Endpoint).save(endpoint);
  }

  async deleteEndpoint(name: string): Promise<boolean> {
    return !!(await this.dataSource.getRepository(Endpoint).delete({ name })).affected;
  }

  allRoutingRules(category?: string): Promise<RoutingRuleRecord[]> {
    return this.dataSource.getRepository(RoutingRule).find({
      where: category ? { category } : {},
      order: { category: 'ASC', province: 'ASC', district: 'ASC' },
      take: 1_000,
    });
  }

  async clashingRule(rule: Pick<RoutingRuleRecord, 'id' | 'category' | 'province' | 'district'>) {
    const [clash]: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM workflow.routing_rules WHERE category = $1 AND province = $2 AND district = $3 AND id <> $4`,
      [rule.category, rule.province, rule.district, rule.id],
    );
    return clash?.id;
  }

  routingRule(id: string): Promise<RoutingRuleRecord | null> {
    return this.dataSource.getRepository(RoutingRule).findOneBy({ id });
  }

  async categoryOwners(category: string, exceptId: string): Promise<(string | null)[]> {
    const rows: { ministry: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT ministry FROM workflow.routing_rules WHERE category = $1 AND id <> $2`,
      [category, exceptId],
    );
    return rows.map((row) => row.ministry);
  }

  async saveRoutingRule(rule: RoutingRuleRecord): Promise<void> {
    await this.dataSource.getRepository(RoutingRule).save(rule);
  }

  async deleteRoutingRule(id: string): Promise<boolean> {
    return !!(await this.dataSource.getRepository(RoutingRule).delete({ id })).affected;
  }

  holidays(year?: number): Promise<{ date: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, name FROM workflow.holidays
        WHERE $1::int IS NULL OR extract(year FROM date) = $1::int ORDER BY date`,
      [year ?? null],
    );
  }

  async saveHoliday(date: string, name: string): Promise<void> {
    await this.dataSource.getRepository(Holiday).save({ date, name });
  }

  async deleteHoliday(date: string): Promise<boolean> {
    return !!(await this.dataSource.getRepository(Holiday).delete({ date })).affected;
  }

  allEventMappings(): Promise<EventMappingRecord[]> {
    return this.dataSource.getRepository(EventMapping).find({ order: { id: 'ASC' } });
  }

  async saveEventMapping(mapping: EventMappingRecord): Promise<void> {
    await this.dataSource.getRepository(EventMapping).save(mapping);
  }

  async deleteEventMapping(id: string): Promise<boolean> {
    return !!(await this.dataSource.getRepository(EventMapping).delete({ id })).affected;
  }
}
