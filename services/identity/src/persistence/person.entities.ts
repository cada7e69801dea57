import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { PersonAccessRecord, PersonRecord, PersonStatus, Sex } from '../domain/identity.model';

export type { PersonStatus, Sex };

/** A person known to the government. Never deleted: deactivation is the logical deletion. */
@Entity({ name: 'persons' })
@Index('persons_name_key_lo', ['nameKeyLo'])
@Index('persons_name_key_latin', ['nameKeyLatin'])
@Index('persons_birth_date', ['dateOfBirth'])
@Index('persons_phone', ['phone'])
export class Person implements PersonRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { unique: true }) uin: string;
  @Column('text', { name: 'given_name_lo' }) givenNameLo: string;
  @Column('text', { name: 'family_name_lo' }) familyNameLo: string;
  @Column('text', { name: 'given_name_en', nullable: true }) givenNameEn: string | null;
  @Column('text', { name: 'family_name_en', nullable: true }) familyNameEn: string | null;
  /** Folded search keys (see lao-text.ts): given and family name together. */
  @Column('text', { name: 'name_key_lo' }) nameKeyLo: string;
  @Column('text', { name: 'name_key_latin', nullable: true }) nameKeyLatin: string | null;
  @Column('date', { name: 'date_of_birth' }) dateOfBirth: string;
  @Column('text') sex: Sex;
  @Column('text', { name: 'province_code' }) provinceCode: string;
  @Column('text', { name: 'district_code' }) districtCode: string;
  @Column('text', { name: 'village_code', nullable: true }) villageCode: string | null;
  @Column('text', { name: 'address_line', nullable: true }) addressLine: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { name: 'preferred_language' }) preferredLanguage: 'lo' | 'en';
  @Column('text', { name: 'preferred_channel' }) preferredChannel: 'sms' | 'email';
  @Column('text') status: PersonStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  /** Records the enrolling officer confirmed to be other people, though they looked like duplicates. */
  @Column('uuid', { name: 'distinct_from', array: true, default: () => "'{}'" }) distinctFrom: string[];
  @Column('text', { name: 'enrolled_by' }) enrolledBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}

export type PersonAccessAction =
  'ENROL' | 'READ' | 'SEARCH_RESULT' | 'UPDATE' | 'DEACTIVATE' | 'REACTIVATE' | 'DUPLICATE_CANDIDATE';

/** The audit trail: who read or changed whose record, when, and in which request. Append-only. */
@Entity({ name: 'person_access_log' })
@Index('person_access_log_person', ['personId', 'at'])
export class PersonAccess implements PersonAccessRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @Column('text') actor: string;
  @Column('text', { name: 'actor_roles', array: true }) actorRoles: string[];
  @Column('text', { name: 'actor_scope', nullable: true }) actorScope: string | null;
  @Column('text') action: PersonAccessAction;
  @Column('text', { name: 'trace_id', nullable: true }) traceId: string | null;
  @CreateDateColumn({ name: 'at', type: 'timestamptz' }) at: Date;
}
