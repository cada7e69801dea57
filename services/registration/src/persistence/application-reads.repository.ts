import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Brackets, DataSource, In } from 'typeorm';
import { FailedAttempts } from '@onedoor/persistence';
import {
  ApplicationReads,
  TrackingAttempts,
  type ApplicationFilter,
  type DecisionCounts,
  type DecisionFilter,
  type ListOrder,
  type Page,
  type TaskRecord,
  type TaskScope,
} from '../application/ports';
import type { ApplicationRecord, ApplicationVisibility, ServiceVersion } from '../domain';
import {
  Application,
  ApplicationDocument,
  ApplicationHistory,
  ApplicationTask,
  PublicService,
} from './registration.entities';

/** Periods are the calendar's in Laos. */
const LAO_TIME = 'Asia/Vientiane';

/** The block's reads: one statement (or a few, together) each, never a lock. */
@Injectable()
export class ApplicationReadsRepository implements ApplicationReads {
  constructor(private readonly dataSource: DataSource) {}

  /** The applications a caller sees (domain/application.ts applicationVisibility), newest first. */
  async list(
    visibility: ApplicationVisibility,
    filter: ApplicationFilter,
    page: Page,
    order: ListOrder = { by: 'created', direction: 'DESC' },
  ): Promise<[ApplicationRecord[], number]> {
    const qb = this.dataSource.getRepository(Application).createQueryBuilder('a');
    if (!visibility.all) {
      qb.andWhere(
        new Brackets((paths) => {
          if (visibility.applicantId) paths.where('a.applicant_id = :self', { self: visibility.applicantId });
          else paths.where('false');
          if (visibility.takenBy) paths.orWhere('a.created_by = :takenBy', { takenBy: visibility.takenBy });
          if (visibility.administered) {
            paths.orWhere(
              '((:adminMinistry::text IS NULL OR a.ministry = :adminMinistry) AND (:adminProvince::text IS NULL OR a.province = :adminProvince))',
              {
                adminMinistry: visibility.administered.ministry ?? null,
                adminProvince: visibility.administered.province ?? null,
              },
            );
          }
          if (visibility.unit) {
            paths.orWhere(
              `((a.unit = :unit OR EXISTS (SELECT 1 FROM registration.tasks t WHERE t.application_id = a.id AND t.unit = :unit))
                AND (:unitMinistry::text IS NULL OR a.ministry = :unitMinistry)
                AND (:unitProvince::text IS NULL OR a.province = :unitProvince))`,
              {
                unit: visibility.unit.unit,
                unitMinistry: visibility.unit.ministry ?? null,
                unitProvince: visibility.unit.province ?? null,
              },
            );
          }
          if (visibility.scope) {
            paths.orWhere(
              '((:scopeMinistry::text IS NULL OR a.ministry = :scopeMinistry) AND (:scopeProvince::text IS NULL OR a.province = :scopeProvince))',
              { scopeMinistry: visibility.scope.ministry ?? null, scopeProvince: visibility.scope.province ?? null },
            );
          }
        }),
      );
    }
    if (filter.serviceId) qb.andWhere('a.service_id = :serviceId', { serviceId: filter.serviceId });
    if (filter.serviceCode) qb.andWhere('a.service_code = :serviceCode', { serviceCode: filter.serviceCode });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.applicantId) qb.andWhere('a.applicant_id = :applicantId', { applicantId: filter.applicantId });
    if (filter.stalled !== undefined) qb.andWhere(`a.stalled_at IS ${filter.stalled ? 'NOT ' : ''}NULL`);
    const column = { created: 'a.created_at', id: 'a.id', name: 'a.application_name', dueDate: 'a.expected_by' }[
      order.by
    ];
    return qb
      .orderBy(column, order.direction, 'NULLS LAST')
      .addOrderBy('a.id', order.direction)
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
  }

  async application(id: string): Promise<{ application: ApplicationRecord; routedUnits: string[] } | null> {
    if (!isUUID(id)) return null;
    const [application, routed] = await Promise.all([
      this.dataSource.getRepository(Application).findOneBy({ id }),
      this.dataSource.query(`SELECT DISTINCT unit FROM registration.tasks WHERE application_id = $1`, [id]) as Promise<
        { unit: string }[]
      >,
    ]);
    return application && { application, routedUnits: routed.map((r) => r.unit) };
  }

  /** An application's history (its first 500 entries), documents and tasks, oldest first. */
  async details(id: string) {
    const [history, documents, tasks] = await Promise.all([
      this.dataSource
        .getRepository(ApplicationHistory)
        .find({ where: { applicationId: id }, order: { id: 'ASC' }, take: 500 }),
      this.dataSource
        .getRepository(ApplicationDocument)
        .find({ where: { applicationId: id }, order: { uploadedAt: 'ASC' } }),
      this.dataSource
        .getRepository(ApplicationTask)
        .find({ where: { applicationId: id }, order: { createdAt: 'ASC' } }),
    ]);
    return { history, documents, tasks };
  }

  document(id: string): Promise<ApplicationDocument | null> {
    return isUUID(id) ? this.dataSource.getRepository(ApplicationDocument).findOneBy({ id }) : Promise.resolve(null);
  }

  byTrackingCode(code: string): Promise<ApplicationRecord | null> {
    return this.dataSource.getRepository(Application).findOneBy({ trackingCode: code });
  }

  service(id: string): Promise<ServiceVersion | null> {
    return this.dataSource.getRepository(PublicService).findOneBy({ id });
  }

  /** The first 200 entries of an application's history, for tracking without a login. */
  trackingHistory(applicationId: string) {
    return this.dataSource
      .getRepository(ApplicationHistory)
      .find({ where: { applicationId }, order: { id: 'ASC' }, take: 200 });
  }

  /** Tasks in these states, of one unit (or every unit), oldest first. */
  tasks(states: string[], scope: TaskScope, page: Page, order: ListOrder = { by: 'created', direction: 'ASC' }) {
    const qb = this.dataSource
      .getRepository(ApplicationTask)
      .createQueryBuilder('t')
      .where('t.state IN (:...states)', { states });
    if (scope.unit) qb.andWhere('t.unit = :unit', { unit: scope.unit });
    if (scope.applicationId) qb.andWhere('t.application_id = :applicationId', { applicationId: scope.applicationId });
    if (scope.assignee) qb.andWhere('t.assignee = :assignee', { assignee: scope.assignee });
    // domain taskVisible, as SQL: the application's ministry and province are within the officer's claims.
    if (scope.ministry || scope.province) {
      qb.innerJoin(Application, 'a', 'a.id = t.application_id');
      if (scope.ministry) qb.andWhere('a.ministry = :ministry', { ministry: scope.ministry });
      if (scope.province) qb.andWhere('a.province = :province', { province: scope.province });
    }
    const column = { created: 't.created_at', id: 't.id', name: 't.name', dueDate: 't.due_at' }[order.by];
    return qb
      .orderBy(column, order.direction, 'NULLS LAST')
      .addOrderBy('t.id', order.direction)
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
  }

  task(id: string): Promise<ApplicationTask | null> {
    return isUUID(id) ? this.dataSource.getRepository(ApplicationTask).findOneBy({ id }) : Promise.resolve(null);
  }

  /** The applications and services of these tasks, for their views. */
  async ofTasks(tasks: TaskRecord[]) {
    const applications = tasks.length
      ? await this.dataSource.getRepository(Application).findBy({ id: In(tasks.map((t) => t.applicationId)) })
      : [];
    const services = applications.length
      ? await this.dataSource
          .getRepository(PublicService)
          .findBy({ id: In([...new Set(applications.map((a) => a.serviceId))]) })
      : [];
    return { applications: applications as ApplicationRecord[], services: services as ServiceVersion[] };
  }

  /**
   * Counts by service, status, office and province, and decisions against the target, of applications submitted
   * in [from, to] (dates), in a ministry and province when given (null: every one).
   */
  stalledByMinistry(): Promise<{ key: string; count: number }[]> {
    return this.dataSource.query(
      `SELECT ministry AS key, count(*)::int AS count FROM registration.applications
        WHERE stalled_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
  }

  /** Officers' completed tasks by outcome (approve…, send back…, reject…), per period when asked. */
  async decisions(f: DecisionFilter): Promise<DecisionCounts[]> {
    const rows: (DecisionCounts & { period: string | null })[] = await this.dataSource.query(
      `SELECT CASE WHEN $8::text IS NULL THEN NULL
                 ELSE to_char(date_trunc($8::text, t.updated_at AT TIME ZONE '${LAO_TIME}'), 'YYYY-MM-DD') END AS period,
            count(*)::int AS processed,
            count(*) FILTER (WHERE t.outcome ~* '^approv')::int AS approved,
            count(*) FILTER (WHERE t.outcome ~* '^send.?back')::int AS "sentBack",
            count(*) FILTER (WHERE t.outcome ~* '^reject')::int AS rejected
       FROM registration.tasks t JOIN registration.applications a ON a.id = t.application_id
      WHERE t.state = 'completed'
        AND (t.updated_at AT TIME ZONE '${LAO_TIME}')::date BETWEEN $1::date AND $2::date
        AND ($3::text IS NULL OR a.ministry = $3) AND ($4::text IS NULL OR a.province = $4)
        AND ($5::text IS NULL OR a.service_code = $5 OR EXISTS (
              SELECT 1 FROM registration.services s
               WHERE s.id = a.service_id AND (lower(s.name->>'en') = lower($5) OR s.name->>'lo' = $5)))
        AND ($6::text IS NULL OR t.assignee = $6)
        AND ($7::text IS NULL OR t.role = $7 OR t.unit = $7)
      GROUP BY 1 ORDER BY 1`,
      [
        f.from,
        f.to,
        f.ministry,
        f.province,
        f.service ?? null,
        f.operator ?? null,
        f.role ?? null,
        f.timeframe ?? null,
      ],
    );
    if (!f.timeframe) {
      const [all] = rows;
      return [
        {
          processed: all?.processed ?? 0,
          approved: all?.approved ?? 0,
          sentBack: all?.sentBack ?? 0,
          rejected: all?.rejected ?? 0,
        },
      ];
    }
    return rows.map(({ period, ...counts }) => ({ ...counts, period: period! }));
  }

  async statistics(from: string, to: string, ministry: string | null, province: string | null) {
    const params = [from, to, ministry, province];
    const scope = `status <> 'DRAFT' AND submitted_at >= $1::date AND submitted_at < $2::date + 1
      AND ($3::text IS NULL OR ministry = $3) AND ($4::text IS NULL OR province = $4)`;
    const count = (column: string): Promise<{ key: string; count: number }[]> =>
      this.dataSource.query(
        `SELECT ${column} AS key, count(*)::int AS count FROM registration.applications WHERE ${scope} GROUP BY 1 ORDER BY 2 DESC, 1`,
        params,
      );
    const [byService, byStatus, byOffice, byProvince, processing, [{ open, overdue }]] = await Promise.all([
      count('service_code'),
      count('status'),
      count(`coalesce(unit, 'unrouted')`),
      count(`coalesce(province, 'unknown')`),
      this.dataSource.query(
        `SELECT service_code AS "serviceCode", count(*)::int AS decided,
                round(avg(extract(epoch FROM decided_at - submitted_at)) / 86400, 2)::float AS "averageDays",
                count(*) FILTER (WHERE expected_by IS NOT NULL AND decided_at <= expected_by)::int AS "withinTarget",
                count(*) FILTER (WHERE expected_by IS NOT NULL AND decided_at > expected_by)::int AS "pastTarget"
           FROM registration.applications WHERE ${scope} AND decided_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE status IN ('PENDING', 'SENDBACK'))::int AS open,
                count(*) FILTER (WHERE status IN ('PENDING', 'SENDBACK') AND expected_by < now())::int AS overdue
           FROM registration.applications WHERE ${scope}`,
        params,
      ) as Promise<{ open: number; overdue: number }[]>,
    ]);
    return { open, overdue, byService, byStatus, byOffice, byProvince, processing };
  }
}

/** Failed tracking look-ups, per client address and per code (libs/persistence FailedAttempts). */
@Injectable()
export class TrackingAttemptsRepository extends FailedAttempts implements TrackingAttempts {
  constructor(dataSource: DataSource) {
    super(dataSource, 'registration.tracking_attempts');
  }
}
