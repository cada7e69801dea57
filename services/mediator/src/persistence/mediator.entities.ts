import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Every offered event the mediator received, numbered in the order received: PULL, PUSH and replay read it. */
@Entity({ name: 'events' })
@Index('events_type_sequence', ['room', 'eventType', 'sequence'])
@Index('events_received_at', ['receivedAt'])
export class MediatedEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) sequence: string;
  @Column('uuid', { unique: true }) id: string;
  @Column('text') room: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('timestamptz') time: Date;
  @Column('text', { nullable: true }) subject: string | null;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId: string | null;
  @Column('jsonb') data: unknown;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}

/** A client's subscription to an event type: how its events reach the client, and how far they have. */
@Entity({ name: 'subscriptions' })
@Unique('subscriptions_client_type', ['clientId', 'room', 'eventType'])
export class Subscription {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'client_id' }) clientId: string;
  @Column('jsonb') subscriber: Record<string, string>;
  @Column('text') room: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('text') delivery: string;
  @Column('text', { name: 'push_url', nullable: true }) pushUrl: string | null;
  @Column('text', { name: 'push_secret', nullable: true }) pushSecret: string | null;
  @Column('integer', { name: 'ttl_seconds' }) ttlSeconds: number;
  @Column('bigint') cursor: string;
  @Column('text', { default: 'active' }) status: string;
  @Column('integer', { default: 0 }) failures: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'next_attempt_at', default: () => 'now()' }) nextAttemptAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** Which client may read which event type of a room (`*`: every type of it), and who granted it. */
@Entity({ name: 'grants' })
export class Grant {
  @PrimaryColumn('text', { name: 'client_id' }) clientId: string;
  @PrimaryColumn('text') room: string;
  @PrimaryColumn('text', { name: 'event_type' }) eventType: string;
  @Column('text', { name: 'granted_by' }) grantedBy: string;
  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' }) grantedAt: Date;
}

export const MEDIATOR_ENTITIES = [MediatedEvent, Subscription, Grant];
