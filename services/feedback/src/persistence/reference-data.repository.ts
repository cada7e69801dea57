import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource, In } from 'typeorm';
import { FailedAttempts } from '@onedoor/persistence';
import {
  ReferenceData,
  type FieldError,
  type PlaceCodes,
  type SubmissionCounts,
  type TopicRecord,
  type Transaction,
} from '../application/ports';
import { Office, Place, Topic } from './feedback.entities';

const PARENT_FIELD = { district: 'province', village: 'district' } as const;

/** The identity block's places and offices as the feedback block keeps them (`feedback.places`, `.offices`). */
@Injectable()
export class ReferenceDataRepository extends ReferenceData {
  /**
   * Topics and places found, a minute each: they change seldom (a place as the identity block announces it), and a
   * submission reads them every time. Only what was found: a place announced a moment ago is never refused.
   */
  private readonly found = new LRUCache<string, TopicRecord | Place>({ max: 20_000, ttl: 60_000 });

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async rememberPlace(transaction: Transaction, place: Place): Promise<void> {
    await transaction.getRepository(Place).save(place);
    this.found.delete(`place:${place.code}`);
  }

  async topic(code: string): Promise<TopicRecord | null> {
    const cached = this.found.get(`topic:${code}`) as TopicRecord | undefined;
    if (cached) return cached;
    const topic = await this.dataSource.getRepository(Topic).findOneBy({ code });
    if (topic) this.found.set(`topic:${code}`, topic);
    return topic;
  }

  /** The places with these codes that are registered, from those found before or from the database. */
  private async places(codes: string[]): Promise<Map<string, Place>> {
    const known = new Map<string, Place>();
    for (const code of codes) {
      const cached = this.found.get(`place:${code}`) as Place | undefined;
      if (cached) known.set(code, cached);
    }
    const missing = codes.filter((code) => !known.has(code));
    if (missing.length) {
      for (const place of await this.dataSource.getRepository(Place).findBy({ code: In(missing) })) {
        known.set(place.code, place);
        this.found.set(`place:${place.code}`, place);
      }
    }
    return known;
  }

  async rememberOffice(transaction: Transaction, office: Office): Promise<void> {
    await transaction.getRepository(Office).save(office);
  }

  async placeErrors(place: PlaceCodes): Promise<FieldError[]> {
    const codes = [place.province, place.district, place.village].filter((c): c is string => !!c);
    if (!codes.length) return [];
    const known = await this.places(codes);
    const errors: FieldError[] = [];
    for (const level of ['province', 'district', 'village'] as const) {
      const code = place[level];
      if (!code) continue;
      const found = known.get(code);
      if (!found || found.level !== level) {
        errors.push({ field: level, message: `not a ${level} the identity block registers` });
        continue;
      }
      if (level === 'province') continue;
      const parent = place[PARENT_FIELD[level]];
      if (!parent || found.parentCode !== parent) {
        errors.push({ field: level, message: `a ${level} of the ${PARENT_FIELD[level]} given` });
      }
    }
    return errors;
  }

  async officeErrors(unit: string, ministry: string): Promise<FieldError[]> {
    const known = new Map(
      (await this.dataSource.getRepository(Office).findBy({ code: In([unit, ministry]) })).map((o) => [o.code, o]),
    );
    if (known.get(ministry)?.kind !== 'ministry') {
      return [{ field: 'ministry', message: 'not a ministry the identity block registers' }];
    }
    const office = known.get(unit);
    if (unit !== ministry && (office?.kind !== 'department' || office.parentCode !== ministry)) {
      return [{ field: 'unit', message: `not a registered office of ${ministry}` }];
    }
    return [];
  }
}

/** Submissions per source in `feedback.submission_counts` (libs/persistence FailedAttempts: the same windows). */
@Injectable()
export class SubmissionCountsRepository extends FailedAttempts implements SubmissionCounts {
  constructor(dataSource: DataSource) {
    super(dataSource, 'feedback.submission_counts');
  }
}
