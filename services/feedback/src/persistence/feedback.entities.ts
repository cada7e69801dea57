import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { CaseRecord, CaseState } from '../domain';

/** A hotline case. */
@Entity({ name: 'cases' })
@Index('cases_state', ['state', 'createdAt'])
@Index('cases_unit', ['unit', 'state'])
@Index('cases_published', ['publishedAt'])
@Index('cases_merged_into', ['mergedInto'])
@Index('cases_submitter', ['submitterId', 'createdAt'], { where: '"submitter_id" IS NOT NULL' })
@Index('cases_topic_place', ['topic', 'district', 'createdAt'])
// The published answers' words with the search's filters (a trigram and btree_gin index: migration 1768400000000).
@Index('cases_answers', { synchronize: false })
export class HotlineCase implements CaseRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { unique: true }) number: string;
  @Column('text') kind: CaseRecord['kind'];
  @Column('text') topic: string;
  @Column('text') description: string;
  @Column('text') state: CaseState;
  @Column('text') channel: CaseRecord['channel'];
  @Column('text') identity: CaseRecord['identity'];
  @Column('uuid', { name: 'submitter_id', nullable: true }) submitterId: string | null;
  @Column('text', { name: 'pin_hash', nullable: true }) pinHash: string | null;
  @Column('text', { nullable: true }) province: string | null;
  @Column('text', { nullable: true }) district: string | null;
  @Column('text', { nullable: true }) village: string | null;
  @Column('double precision', { nullable: true }) lat: number | null;
  @Column('double precision', { nullable: true }) long: number | null;
  @Column('text', { nullable: true }) address: string | null;
  @Column('text', { name: 'media_url', nullable: true }) mediaUrl: string | null;
  @Column('jsonb', { nullable: true }) contact: CaseRecord['contact'];
  @Column('text', { name: 'merged_into', nullable: true }) mergedInto: string | null;
  @Column('text', { default: 'lo' }) language: 'lo' | 'en';
  @Column('boolean', { nullable: true }) consent: boolean | null;
  @Column('text', { nullable: true }) ministry: string | null;
  @Column('text', { nullable: true }) unit: string | null;
  @Column('text', { nullable: true }) finding: CaseRecord['finding'];
  @Column('text', { nullable: true }) explanation: string | null;
  @Column('jsonb', { default: () => "'[]'" }) actions: CaseRecord['actions'];
  @Column('jsonb', { nullable: true }) summary: CaseRecord['summary'];
  @Column('jsonb', { name: 'published_summary', nullable: true }) publishedSummary: CaseRecord['publishedSummary'];
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  /** The published answer's words, lower case, for the public search (its trigram index). */
  @Column('text', { name: 'answer_words', nullable: true, select: false }) answerWords?: string | null;
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt: Date | null;
  @Column('integer') revision: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** Every step a case took: from which state to which, by whom, why. */
@Entity({ name: 'case_history' })
@Index('case_history_case', ['caseId'])
export class CaseHistory {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text') step: string;
  @Column('text', { name: 'from_state', nullable: true }) fromState: string | null;
  @Column('text', { name: 'to_state' }) toState: string;
  @Column('text') actor: string;
  @Column('text', { nullable: true }) reason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}

/** The topics a case is about, in Lao and English: data, kept by the Office. */
@Entity({ name: 'topics' })
export class Topic {
  @PrimaryColumn('text') code: string;
  @Column('text', { name: 'name_lo' }) nameLo: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
  /** The ministry usually concerned, when there is one. */
  @Column('text', { nullable: true }) ministry: string | null;
}

/** An application that reached a final state at a one-door centre: its applicant may rate the service once. */
@Entity({ name: 'decided_applications' })
export class DecidedApplication {
  @PrimaryColumn('uuid', { name: 'application_id', primaryKeyConstraintName: 'PK_feedback_decided_applications' })
  applicationId: string;
  @Column('text', { name: 'applicant_id' }) applicantId: string;
  @Column('text', { name: 'service_code' }) serviceCode: string;
  @Column('text') ministry: string;
  @Column('text', { nullable: true }) unit: string | null;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt: Date;
}

/** A service's rating by its applicant: 1 to 5, once per application. */
@Entity({ name: 'ratings' })
@Check('CHK_feedback_ratings_score', '"score" BETWEEN 1 AND 5')
export class Rating {
  @PrimaryColumn('uuid', { name: 'application_id', primaryKeyConstraintName: 'PK_feedback_ratings' })
  applicationId: string;
  @Column('integer') score: number;
  @Column('text', { nullable: true }) comment: string | null;
  @CreateDateColumn({ name: 'rated_at', type: 'timestamptz' }) ratedAt: Date;
}

/** Failed PIN attempts per client address and per case number, in windows. */
@Entity({ name: 'pin_attempts' })
export class PinAttempt {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_feedback_pin_attempts' }) key: string;
  @Column('timestamptz', { name: 'window_start' }) windowStart: Date;
  @Column('integer') failures: number;
}

/** Cases submitted per source (client address, phone, person, Open311 key), in windows: floods are refused. */
@Entity({ name: 'submission_counts' })
export class SubmissionCount {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_feedback_submission_counts' }) key: string;
  @Column('timestamptz', { name: 'window_start' }) windowStart: Date;
  @Column('integer') failures: number;
}

/** A province, district or village the identity block registers (its code, level and parent). */
@Entity({ name: 'places' })
export class Place {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_feedback_places' }) code: string;
  @Column('text') level: 'province' | 'district' | 'village';
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
}

/** A ministry or one of its departments and offices, as the identity block registers it: where cases go. */
@Entity({ name: 'offices' })
export class Office {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_feedback_offices' }) code: string;
  @Column('text') kind: 'ministry' | 'department';
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
}

/** A civic app's Open311 API key (its SHA-256 digest): what may submit through GeoReport v2, until revoked. */
@Entity({ name: 'open311_keys' })
export class Open311Key {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_feedback_open311_keys' }) id: string;
  @Column('text') name: string;
  @Column('text', { name: 'key_digest', unique: true }) keyDigest: string;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}

/** An inbound SMS, once: the case it made (none for a status request, more information or help). */
@Entity({ name: 'sms_inbound' })
export class SmsInbound {
  @PrimaryColumn('text', { name: 'message_id', primaryKeyConstraintName: 'PK_feedback_sms_inbound' }) messageId: string;
  @Column('text', { name: 'case_number', nullable: true }) caseNumber: string | null;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}

/** A file attached to a case: a photo, a scan; its bytes in the attachments' storage under `storageKey`. */
@Entity({ name: 'attachments' })
@Index('attachments_case', ['caseId'])
export class Attachment {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_feedback_attachments' }) id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @ManyToOne(() => HotlineCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_feedback_attachments_case' })
  case?: HotlineCase;
  @Column('text', { name: 'media_type' }) mediaType: string;
  @Column('integer') size: number;
  @Column('text') sha256: string;
  @Column('text', { name: 'storage_key' }) storageKey: string;
  /** The submitter, the Office or the unit. */
  @Column('text', { name: 'added_by' }) addedBy: 'submitter' | 'office' | 'unit';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const FEEDBACK_ENTITIES = [
  Attachment,
  SmsInbound,
  Open311Key,
  HotlineCase,
  CaseHistory,
  Topic,
  DecidedApplication,
  Rating,
  PinAttempt,
  SubmissionCount,
  Place,
  Office,
];
