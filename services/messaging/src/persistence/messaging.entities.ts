import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { Channel, Language, MessageRecord, MessageStatus } from '../domain';

export type { Channel, Language, MessageStatus };

/** A message text per template, channel and language: an ICU message (variables, plural and select forms). */
@Entity({ name: 'templates' })
export class Template {
  @PrimaryColumn('text') key: string;
  @PrimaryColumn('text') channel: Channel;
  @PrimaryColumn('text') language: Language;
  /** Email subject (ICU too); empty for other channels. */
  @Column('text', { nullable: true }) subject: string | null;
  @Column('text') body: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Which event notifies whom with which template: data, changed through the API. */
@Entity({ name: 'rules' })
@Index('rules_event_type', ['eventType'])
export class NotificationRule {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('text', { name: 'template_key' }) templateKey: string;
  /** Payload property holding the person to notify. */
  @Column('text', { name: 'person_field' }) personField: string;
  /** Essential messages (a login code, a decision) go even to people who opted out of the others. */
  @Column('boolean') essential: boolean;
  /** To every address the person has (SMS and e-mail), not only their preferred channel: a decision, say. */
  @Column('boolean', { name: 'every_channel', default: false }) everyChannel: boolean;
  @Column('boolean') enabled: boolean;
}

/** Whom the platform can reach, from the identity block's events, and their preferences. */
@Entity({ name: 'recipients' })
export class Recipient {
  @PrimaryColumn('uuid', { name: 'person_id' }) personId: string;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { name: 'preferred_language' }) preferredLanguage: Language;
  @Column('text', { name: 'preferred_channel' }) preferredChannel: 'sms' | 'email';
  /** Opted out of non-essential messages. */
  @Column('boolean', { name: 'opted_out' }) optedOut: boolean;
  @Column('boolean') active: boolean;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One message to one recipient on one channel, and where it is. */
@Entity({ name: 'messages' })
// Partial indexes (migration 1765500000000): each holds only the messages its queries look for.
@Index('messages_due', ['nextAttemptAt'], { where: `status = 'Pending'` })
@Index('messages_leased', ['leaseUntil'], { where: `status = 'Queued'` })
@Index('messages_batch', ['batchId'], { where: 'batch_id IS NOT NULL' })
@Index('messages_person', ['personId', 'createdAt'])
@Index('messages_provider_id', ['provider', 'providerMessageId'], { where: 'provider_message_id IS NOT NULL' })
export class Message implements MessageRecord {
  @PrimaryColumn('uuid') id: string;
  /** What made it, unique: `event:<event id>:<rule>` or `api:<caller>:<key>`; a retry makes no second message. */
  @Column('text', { name: 'source_key', unique: true }) sourceKey: string;
  @Column('uuid', { name: 'batch_id', nullable: true }) batchId: string | null;
  @Column('uuid', { name: 'person_id', nullable: true }) personId: string | null;
  @Column('text') channel: Channel;
  @Column('text') destination: string;
  @Column('text') language: Language;
  @Column('text', { name: 'template_key', nullable: true }) templateKey: string | null;
  @Column('text', { nullable: true }) subject: string | null;
  @Column('text') body: string;
  /** The template's variables, kept to render the message again on another channel (SMS falling back to email). */
  @Column('jsonb') variables: Record<string, unknown>;
  @Column('boolean') essential: boolean;
  @Column('text') status: MessageStatus;
  @Column('text', { nullable: true }) detail: string | null;
  @Column('integer') attempts: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt: Date;
  /** A dispatcher holds a Queued message until then; after, the message is in doubt (see dispatcher). */
  @Column('timestamptz', { name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('text', { nullable: true }) provider: string | null;
  @Column('text', { name: 'provider_message_id', nullable: true }) providerMessageId: string | null;
  @Column('integer', { name: 'sms_parts', nullable: true }) smsParts: number | null;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt: Date | null;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Every status a message went through, with the provider's words: append-only. */
@Entity({ name: 'message_history' })
@Index('message_history_message', ['messageId', 'at'])
export class MessageHistory {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column('uuid', { name: 'message_id' }) messageId: string;
  @Column('text') status: MessageStatus;
  @Column('text', { nullable: true }) provider: string | null;
  @Column('text', { nullable: true }) detail: string | null;
  @CreateDateColumn({ name: 'at', type: 'timestamptz' }) at: Date;
}

/** Where a civil servant is posted (from the identity block's postings): who a unit's notices go to. */
@Entity({ name: 'postings' })
@Index('postings_unit', ['unit'])
export class Posting {
  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'PK_messaging_postings' }) personId: string;
  @Column('text') ministry: string;
  /** The department (office) posted to, or the ministry itself at its headquarters. */
  @Column('text') unit: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** A callback for an email request (GovStack's POST /callback/email), for the request's sender to read. */
@Entity({ name: 'email_callbacks' })
@Index('email_callbacks_batch', ['batchId', 'receivedAt'])
export class EmailCallback {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('text', { nullable: true }) meta: string | null;
  @Column('bytea') content: Buffer;
  @Column('text', { name: 'received_by' }) receivedBy: string;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}

export const MESSAGING_ENTITIES = [
  Template,
  NotificationRule,
  Recipient,
  Message,
  MessageHistory,
  Posting,
  EmailCallback,
];
