import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import type { EventContract, PayloadOf } from '@onedoor/contracts';
import { preparedQuery } from '@onedoor/persistence';
import {
  CaseChanges,
  CaseStore,
  type HistoryEntry,
  type NewCase,
  type Page,
  type PublishedAnswer,
  type TopicRecord,
} from '../application/ports';
import { answerWords, type CaseRecord } from '../domain';
import { CaseHistory, HotlineCase, SmsInbound, Topic } from './feedback.entities';

class CasesTx extends CaseChanges {
  constructor(
    private readonly manager: EntityManager,
    private readonly backbone: EventBackbone,
  ) {
    super();
  }

  lockByNumber(number: string): Promise<CaseRecord | null> {
    return this.manager
      .getRepository(HotlineCase)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.number = :number', { number })
      .getOne();
  }

  lockById(id: string): Promise<CaseRecord | null> {
    return this.manager
      .getRepository(HotlineCase)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  lockByNumbers(numbers: string[]): Promise<CaseRecord[]> {
    return this.manager
      .getRepository(HotlineCase)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.number IN (:...numbers)', { numbers })
      .orderBy('c.number')
      .getMany();
  }

  async rememberInbound(messageId: string, caseNumber: string | null): Promise<boolean> {
    const inserted = await this.manager
      .createQueryBuilder()
      .insert()
      .into(SmsInbound)
      .values({ messageId, caseNumber })
      .orIgnore()
      .returning('message_id')
      .execute();
    return inserted.raw.length > 0;
  }

  mergedCases(number: string): Promise<CaseRecord[]> {
    return this.manager.getRepository(HotlineCase).find({ where: { mergedInto: number }, take: 1_000 });
  }

  async update(record: CaseRecord): Promise<void> {
    const published = record.publishedAt && record.publishedSummary;
    await this.manager
      .getRepository(HotlineCase)
      .save({ ...record, answerWords: published ? answerWords(record.publishedSummary!) : null });
  }

  async history(entry: Omit<HistoryEntry, 'at'> & { caseId: string }): Promise<void> {
    await this.manager.getRepository(CaseHistory).insert(entry);
  }

  async publish<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void> {
    await this.backbone.publisher.publish(this.manager, contract, payload);
  }
}

/**
 * How many matching answers a search counts beyond the page it shows (its `total`; `totalAtLeast` says there are
 * more): enough for the next ten pages of 20.
 */
const ANSWERS_AHEAD = 200;

/** Hotline cases, their history and the topic taxonomy in PostgreSQL (schema `feedback`). */
@Injectable()
export class CasesRepository extends CaseStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {
    super();
  }

  transaction<T>(work: (tx: CaseChanges) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new CasesTx(manager, this.backbone)));
  }

  async insertNew(make: () => Promise<NewCase>, inboundSms?: string): Promise<NewCase | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const made = await make();
      const { record, history, events } = made;
      // The case as its entity maps it; then its history, its SMS, its events, numbered after it. Not one of them
      // is written unless all are: a taken number or an SMS received before fails the statement whole.
      const [insertCase, params] = this.dataSource
        .createQueryBuilder()
        .insert()
        .into(HotlineCase)
        .values(record)
        .returning('id')
        .getQueryAndParameters();
      const at = (value: unknown) => `$${params.push(value)}`;
      const parts = [
        `a AS (${insertCase})`,
        `h AS (INSERT INTO feedback.case_history (case_id, step, from_state, to_state, actor, reason)
           VALUES (${at(record.id)}::uuid, ${at(history.step)}, ${at(history.fromState)}, ${at(history.toState)}, ${at(history.actor)}, ${at(history.reason)}))`,
      ];
      if (inboundSms) {
        parts.push(
          `s AS (INSERT INTO feedback.sms_inbound (message_id, case_number) VALUES (${at(inboundSms)}, ${at(record.number)}))`,
        );
      }
      if (events.length) {
        const outbox = this.backbone.publisher.prepareAll(events);
        parts.push(`o AS (${outbox.statement(params.length + 1)})`);
        params.push(...outbox.params);
      }
      try {
        await preparedQuery(this.dataSource, `WITH ${parts.join(',\n')} SELECT id FROM a`, params);
        return made;
      } catch (error) {
        const constraint = (error as { constraint?: string }).constraint;
        if (constraint === 'UQ_feedback_cases_number') continue;
        if (constraint === 'PK_feedback_sms_inbound') return undefined;
        throw error;
      }
    }
    throw new Error('no free case number after 5 draws');
  }

  within(transaction: EntityManager): CaseChanges {
    return new CasesTx(transaction, this.backbone);
  }

  topics(): Promise<TopicRecord[]> {
    return this.dataSource.getRepository(Topic).find({ order: { code: 'ASC' } });
  }

  byNumber(number: string): Promise<CaseRecord | null> {
    return this.dataSource.getRepository(HotlineCase).findOneBy({ number });
  }

  historyOf(caseId: string): Promise<HistoryEntry[]> {
    return this.dataSource.getRepository(CaseHistory).find({ where: { caseId }, order: { id: 'ASC' }, take: 500 });
  }

  async answers(
    filter: { q?: string; topic?: string; ministry?: string; province?: string; from?: string; to?: string },
    page: Page,
  ): Promise<[PublishedAnswer[], number, boolean]> {
    const params: unknown[] = [];
    const at = (value: unknown) => `$${params.push(value)}`;
    const where = ['c.published_at IS NOT NULL'];
    if (filter.q) {
      // Lao text compared as written (NFC), any case; words in either language, anywhere in question or answer. One
      // index (cases_answers: trigrams of the words, with the topic, province and ministry) finds the answers that
      // match all of them before any is read.
      const words = filter.q
        .normalize('NFC')
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(`c.answer_words LIKE ${at(`%${words}%`)}`);
    }
    if (filter.topic) where.push(`c.topic = ${at(filter.topic)}`);
    if (filter.ministry) where.push(`c.ministry = ${at(filter.ministry)}`);
    if (filter.province) where.push(`c.province = ${at(filter.province)}`);
    if (filter.from) where.push(`c.published_at >= ${at(filter.from)}::date`);
    if (filter.to) where.push(`c.published_at < ${at(filter.to)}::date + 1`);
    const matching = `FROM feedback.cases c WHERE ${where.join(' AND ')}`;
    // The page and how many match, in one statement (one row even past the last page). Counted up to ANSWERS_AHEAD
    // past the page: a common word matches a large share of 100,000 answers, and counting them all (each compared
    // with the words) would cost every search many times what its page does. Planned for its words each time (not
    // prepared): a plan made for any words could walk every answer by date for a rare one.
    const counted = page.offset + page.limit + ANSWERS_AHEAD;
    const rows: {
      matched: number;
      number: string | null;
      kind: CaseRecord['kind'];
      topic: string;
      ministry: string | null;
      province: string | null;
      published_at: Date;
      published_summary: CaseRecord['publishedSummary'];
    }[] = await this.dataSource.query(
      `SELECT m.matched, p.* FROM (SELECT count(*)::int AS matched FROM (SELECT 1 ${matching} LIMIT ${at(counted + 1)}) l) m
         LEFT JOIN LATERAL (
           SELECT c.number, c.kind, c.topic, c.ministry, c.province, c.published_at, c.published_summary ${matching}
            ORDER BY c.published_at DESC OFFSET ${at(page.offset)} LIMIT ${at(page.limit)}) p ON true`,
      params,
    );
    const matched = rows[0]?.matched ?? 0;
    const answers = rows
      .filter((row) => row.number !== null)
      .map((row) => ({
        number: row.number!,
        kind: row.kind,
        topic: row.topic,
        ministry: row.ministry,
        province: row.province,
        publishedAt: row.published_at,
        publishedSummary: row.published_summary,
      }));
    return [answers, Math.min(matched, counted), matched > counted];
  }

  candidates(
    of: Pick<CaseRecord, 'id' | 'topic' | 'province' | 'district'>,
    window: { from: Date; to: Date },
    limit: number,
  ): Promise<CaseRecord[]> {
    const qb = this.dataSource
      .getRepository(HotlineCase)
      .createQueryBuilder('c')
      .where('c.topic = :topic AND c.id <> :id', { topic: of.topic, id: of.id })
      .andWhere('c.state NOT IN (:...settled)', { settled: ['CLOSED', 'REJECTED', 'MERGED'] })
      .andWhere('c.created_at BETWEEN :from AND :to', window);
    if (of.district) qb.andWhere('c.district = :district', { district: of.district });
    else if (of.province) qb.andWhere('c.province = :province', { province: of.province });
    return qb.orderBy('c.created_at', 'DESC').take(limit).getMany();
  }

  async mergedInto(number: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(HotlineCase)
      .find({ select: { number: true }, where: { mergedInto: number }, order: { createdAt: 'ASC' }, take: 1_000 });
    return rows.map((row) => row.number);
  }

  async inbound(messageId: string): Promise<{ caseNumber: string | null } | undefined> {
    return (await this.dataSource.getRepository(SmsInbound).findOneBy({ messageId })) ?? undefined;
  }

  byContactPhone(phone: string, limit: number): Promise<CaseRecord[]> {
    return this.dataSource
      .getRepository(HotlineCase)
      .createQueryBuilder('c')
      .where(`c.contact->>'phone' = :phone`, { phone })
      .orderBy('c.created_at', 'DESC')
      .take(limit)
      .getMany();
  }

  byId(id: string): Promise<CaseRecord | null> {
    return this.dataSource.getRepository(HotlineCase).findOneBy({ id });
  }

  requests(
    filter: { numbers?: string[]; topics?: string[]; states?: string[]; from?: Date; to?: Date },
    page: Page,
  ): Promise<CaseRecord[]> {
    const qb = this.dataSource.getRepository(HotlineCase).createQueryBuilder('c');
    if (filter.numbers) qb.where('c.number IN (:...numbers)', { numbers: filter.numbers });
    else qb.where('c.published_at IS NOT NULL');
    if (filter.topics) qb.andWhere('c.topic IN (:...topics)', { topics: filter.topics });
    if (filter.states) qb.andWhere('c.state IN (:...states)', { states: filter.states });
    if (filter.from) qb.andWhere('c.created_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('c.created_at <= :to', { to: filter.to });
    return qb.orderBy('c.created_at', 'ASC').addOrderBy('c.id').skip(page.offset).take(page.limit).getMany();
  }

  list(
    filter: { states?: string[]; unit?: string; ministry?: string; submitterId?: string },
    page: Page,
  ): Promise<[CaseRecord[], number]> {
    return this.dataSource.getRepository(HotlineCase).findAndCount({
      where: {
        ...(filter.states?.length && { state: In(filter.states) as never }),
        ...(filter.unit && { unit: filter.unit }),
        ...(filter.ministry && { ministry: filter.ministry }),
        ...(filter.submitterId && { submitterId: filter.submitterId }),
      },
      order: { createdAt: 'DESC' },
      skip: page.offset,
      take: page.limit,
    });
  }
}
