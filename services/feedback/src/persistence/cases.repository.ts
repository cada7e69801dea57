import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import type { EventContract, PayloadOf } from '@onedoor/contracts';
import { CaseChanges, CaseStore, type HistoryEntry, type Page, type TopicRecord } from '../application/ports';
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

  async insert(record: CaseRecord): Promise<boolean> {
    const inserted = await this.manager
      .createQueryBuilder()
      .insert()
      .into(HotlineCase)
      .values(record)
      .orIgnore()
      .returning('id')
      .execute();
    return inserted.raw.length > 0;
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

/** How many matching answers a search counts at most (its `total`; `totalAtLeast` says there are more). */
const ANSWERS_COUNTED = 1_000;

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

  within(transaction: EntityManager): CaseChanges {
    return new CasesTx(transaction, this.backbone);
  }

  topic(code: string): Promise<TopicRecord | null> {
    return this.dataSource.getRepository(Topic).findOneBy({ code });
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
  ): Promise<[CaseRecord[], number, boolean]> {
    const qb = this.dataSource.getRepository(HotlineCase).createQueryBuilder('c').where('c.published_at IS NOT NULL');
    if (filter.q) {
      // Lao text compared as written (NFC), any case; words in either language, anywhere in question or answer (the
      // trigram index cases_answer_words serves it).
      const words = filter.q
        .normalize('NFC')
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere(`c.answer_words LIKE :q`, { q: `%${words}%` });
    }
    if (filter.topic) qb.andWhere('c.topic = :topic', { topic: filter.topic });
    if (filter.ministry) qb.andWhere('c.ministry = :ministry', { ministry: filter.ministry });
    if (filter.province) qb.andWhere('c.province = :province', { province: filter.province });
    if (filter.from) qb.andWhere('c.published_at >= CAST(:from AS date)', { from: filter.from });
    if (filter.to) qb.andWhere('c.published_at < CAST(:to AS date) + 1', { to: filter.to });
    // Counted up to ANSWERS_COUNTED: a common word matches a large share of 100,000 answers, and counting them all
    // would cost every search what the page itself does not.
    const [query, parameters] = qb
      .clone()
      .select('1')
      .limit(ANSWERS_COUNTED + 1)
      .getQueryAndParameters();
    const [items, [{ n }]] = await Promise.all([
      qb.orderBy('c.published_at', 'DESC').offset(page.offset).limit(page.limit).getMany(),
      this.dataSource.query(`SELECT count(*)::int AS n FROM (${query}) matched`, parameters) as Promise<
        { n: number }[]
      >,
    ]);
    return [items, Math.min(n, ANSWERS_COUNTED), n > ANSWERS_COUNTED];
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

  list(filter: { states?: string[]; unit?: string; ministry?: string }, page: Page): Promise<[CaseRecord[], number]> {
    return this.dataSource.getRepository(HotlineCase).findAndCount({
      where: {
        ...(filter.states?.length && { state: In(filter.states) as never }),
        ...(filter.unit && { unit: filter.unit }),
        ...(filter.ministry && { ministry: filter.ministry }),
      },
      order: { createdAt: 'DESC' },
      skip: page.offset,
      take: page.limit,
    });
  }
}
