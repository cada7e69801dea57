import { BlockProblem, BlocksClient } from './blocks.client';
import type {
  AdminArea,
  Answer,
  Application,
  Case,
  EForm,
  InboxItem,
  Organisation,
  Page,
  Person,
  Preferences,
  PublicStatistic,
  Service,
  ServiceTopic,
  Topic,
  Tracking,
} from './views';

const CATALOGUE_TTL_MS = 30_000;

/** Who reads a hotline case: its anonymous submitter by the PIN, or the signed-in submitter by their token. */
export type CaseReader = { pin: string } | { token: string };

/** What the published answers are searched by: words, topic, ministry, province, publication dates (YYYY-MM-DD). */
export interface AnswerFilters {
  q?: string;
  topic?: string;
  ministry?: string;
  province?: string;
  from?: string;
  to?: string;
}

export const STATISTICS_DIMENSIONS = ['topic', 'ministry', 'province'] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

/** A list every page may show, asked of a block at most once in 30 s. */
class Kept<T> {
  private kept?: { at: number; value: T };
  constructor(private readonly load: () => Promise<T>) {}
  async get(): Promise<T> {
    if (this.kept && Date.now() - this.kept.at < CATALOGUE_TTL_MS) return this.kept.value;
    const value = await this.load();
    this.kept = { at: Date.now(), value };
    return value;
  }
}

/**
 * What the citizen's pages ask of the platform, each a call to a block's published API (registration, feedback),
 * as the citizen (their token) or anonymously. The catalogue and topics are kept for 30 s: every page lists them.
 */
export class Portal {
  private readonly catalogue = new Kept(async () => {
    const services: Service[] = [];
    for (let offset = 0; offset < 2_000; offset += 100) {
      const answer = await this.blocks.call<Page<Service>>('registration', '/services', {
        query: { limit: 100, offset },
      });
      services.push(...answer.items);
      if (services.length >= answer.total || answer.items.length === 0) break;
    }
    return services;
  });
  private readonly serviceTopicList = new Kept(() =>
    this.blocks.call<ServiceTopic[]>('registration', '/service-topics'),
  );
  private readonly topicList = new Kept(() => this.blocks.call<Topic[]>('feedback', '/topics'));
  private readonly provinceList = new Kept(() =>
    this.blocks.call<AdminArea[]>('identity', '/admin-areas', { query: { level: 'province' } }),
  );
  private readonly ministryList = new Kept(() =>
    this.blocks.call<Organisation[]>('identity', '/organisations', { query: { kind: 'ministry' } }),
  );

  constructor(private readonly blocks: BlocksClient) {}

  // -- the catalogue
  services(): Promise<Service[]> {
    return this.catalogue.get();
  }

  /** What services are about (the catalogue's life events), in Lao and English. */
  serviceTopics(): Promise<ServiceTopic[]> {
    return this.serviceTopicList.get();
  }

  async service(code: string): Promise<Service | undefined> {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(code)) return undefined;
    return this.orNotFound(() => this.blocks.call<Service>('registration', `/services/${code}`));
  }

  eForm(eFormId: string): Promise<EForm | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(eFormId)) return Promise.resolve(undefined);
    return this.orNotFound(() => this.blocks.call<EForm>('registration', `/eForms/${eFormId}`));
  }

  /** What the government already holds for the form, and whether the citizen may apply (and why not). */
  prefill(token: string, code: string) {
    return this.blocks.call<{
      data: Record<string, unknown>;
      eligible: boolean;
      reasons: { lo?: string; en?: string }[];
    }>('registration', `/services/${code}/prefill`, { token });
  }

  // -- applications
  track(code: string, phone: string, clientAddress?: string): Promise<Tracking | undefined> {
    return this.orNotFound(() =>
      this.blocks.call<Tracking>('registration', `/tracking/${encodeURIComponent(code)}`, {
        query: { phone },
        clientAddress,
      }),
    );
  }

  applications(token: string): Promise<Page<Application>> {
    return this.blocks.call<Page<Application>>('registration', '/applications', { token, query: { limit: 100 } });
  }

  application(token: string, id: string): Promise<Application | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return Promise.resolve(undefined);
    return this.orNotFound(() => this.blocks.call<Application>('registration', `/applications/${id}`, { token }));
  }

  /** A new draft (the key makes a resent draft the same draft), or the draft's new data. */
  saveDraft(
    token: string,
    input: { serviceCode: string; applicationId?: string; data: Record<string, unknown>; key: string; lang: string },
  ): Promise<Application> {
    if (input.applicationId) {
      return this.blocks.call<Application>('registration', `/applications/${input.applicationId}`, {
        token,
        method: 'PUT',
        body: { formData: { data: input.data }, submit: false },
        idempotencyKey: input.key,
        lang: input.lang,
      });
    }
    return this.blocks.call<Application>('registration', `/services/${input.serviceCode}/applications`, {
      token,
      body: { formData: { data: input.data }, draft: true },
      idempotencyKey: input.key,
      lang: input.lang,
    });
  }

  attach(token: string, id: string, type: string, file: { data: Buffer; mediaType: string }) {
    return this.blocks.call('registration', `/applications/${id}/documents`, {
      token,
      query: { type },
      bytes: file,
    });
  }

  submit(token: string, id: string, key: string, lang: string): Promise<Application> {
    return this.blocks.call<Application>('registration', `/applications/${id}`, {
      token,
      method: 'PUT',
      body: { formData: { data: {} }, submit: true },
      idempotencyKey: key,
      lang,
    });
  }

  certificate(token: string, id: string): Promise<{ credential: string }> {
    return this.blocks.call<{ credential: string }>('registration', `/applications/${id}/certificate`, { token });
  }

  rate(token: string, input: { applicationId: string; score: number; comment?: string; key: string }) {
    return this.blocks.call('feedback', '/ratings', {
      token,
      body: {
        applicationId: input.applicationId,
        score: input.score,
        ...(input.comment && { comment: input.comment }),
      },
      idempotencyKey: input.key,
    });
  }

  // -- messages and the citizen's own settings
  inbox(token: string): Promise<Page<InboxItem>> {
    return this.blocks.call<Page<InboxItem>>('messaging', '/inbox', { token, query: { limit: 50 } });
  }

  markRead(token: string, id: string) {
    return this.blocks.call('messaging', `/inbox/${id}/read`, { token, body: {} });
  }

  preferences(token: string): Promise<Preferences> {
    return this.blocks.call<Preferences>('messaging', '/preferences/me', { token });
  }

  savePreferences(token: string, preferences: Partial<Preferences>): Promise<Preferences> {
    return this.blocks.call<Preferences>('messaging', '/preferences/me', { token, method: 'PUT', body: preferences });
  }

  me(token: string): Promise<Person> {
    return this.blocks.call<Person>('identity', '/persons/me', { token });
  }

  /** A phone change, step 1: a code to the new number; answers the challenge it confirms. */
  requestPhoneChange(token: string, phone: string) {
    return this.blocks.call<{ challengeId: string }>('identity', '/persons/me/phone', { token, body: { phone } });
  }

  confirmPhoneChange(token: string, input: { phone: string; challengeId: string; code: string }) {
    return this.blocks.call<Person>('identity', '/persons/me/phone', { token, method: 'PUT', body: input });
  }

  // -- the hotline
  topics(): Promise<Topic[]> {
    return this.topicList.get();
  }

  /** The provinces, as the identity block's reference data has them. */
  provinces(): Promise<AdminArea[]> {
    return this.provinceList.get();
  }

  /** The ministries, as the identity block's reference data has them. */
  ministries(): Promise<Organisation[]> {
    return this.ministryList.get();
  }

  submitCase(token: string | undefined, body: Record<string, unknown>, key: string, clientAddress?: string) {
    return this.blocks.call<Case>('feedback', '/cases', { token, body, idempotencyKey: key, clientAddress });
  }

  /** The cases the signed-in citizen submitted as themself (identified or confidential), newest first. */
  myCases(token: string): Promise<Page<Case>> {
    return this.blocks.call<Page<Case>>('feedback', '/cases', { token, query: { limit: 50 } });
  }

  /** A case as its submitter reads it; undefined when the number and PIN (or the person) do not open it. */
  followCase(number: string, reader: CaseReader, clientAddress?: string): Promise<Case | undefined> {
    // A case number ends in its check symbol: a Base32 digit or one of * ~ $ = (as a tracking code does).
    if (!/^[0-9A-Za-z*~$=-]{4,40}$/.test(number) || ('pin' in reader && !/^\d{6}$/.test(reader.pin))) {
      return Promise.resolve(undefined);
    }
    return this.orNotFound(() =>
      this.blocks.call<Case>('feedback', `/cases/${encodeURIComponent(number)}`, {
        ...('pin' in reader ? { query: { pin: reader.pin } } : { token: reader.token }),
        clientAddress,
      }),
    );
  }

  caseStep(
    number: string,
    step: 'provideInformation' | 'appeal',
    reader: CaseReader,
    reason: string,
    clientAddress?: string,
  ) {
    return this.blocks.call<Case>('feedback', `/cases/${encodeURIComponent(number)}/${step}`, {
      body: { reason, ...('pin' in reader && { pin: reader.pin }) },
      ...('token' in reader && { token: reader.token }),
      clientAddress,
    });
  }

  /** The hotline's public statistics by topic, ministry or province, over the period given (else the year so far). */
  statistics(by: StatisticsDimension, period: { from?: string; to?: string }): Promise<PublicStatistic[]> {
    return this.blocks.call<PublicStatistic[]>('feedback', '/statistics', { query: { by, ...period } });
  }

  answers(query: AnswerFilters & { limit: number; offset: number }): Promise<Page<Answer>> {
    return this.blocks.call<Page<Answer>>('feedback', '/answers', { query: { ...query } });
  }

  private async orNotFound<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof BlockProblem && (error.status === 404 || error.status === 400)) return undefined;
      throw error;
    }
  }
}
