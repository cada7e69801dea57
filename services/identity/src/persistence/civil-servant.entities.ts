import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AssignmentRecord, CivilServantRecord, CivilServantStatus, PostingLevel } from '../domain/identity.model';

export type { CivilServantStatus, PostingLevel };

/** The level of government of a posting: central (a ministry's headquarters), province or district. */

/** A person who works for the government (the personal information management system), and how they log in. */
@Entity({ name: 'civil_servants' })
@Index('civil_servants_posting', ['ministryCode', 'provinceCode'])
export class CivilServant implements CivilServantRecord {
  @PrimaryColumn('uuid', { name: 'person_id' }) personId: string;
  /** The staff account's own id: the subject of its tokens, never the person's id (ADR 0013). */
  @Index('civil_servants_account', { unique: true })
  @Column('uuid', { name: 'account_id' })
  accountId: string;
  @Column('text', { name: 'employee_number', unique: true }) employeeNumber: string;
  @Column('text', { name: 'ministry_code' }) ministryCode: string;
  @Column('text', { name: 'department_code', nullable: true }) departmentCode: string | null;
  @Column('text', { name: 'province_code' }) provinceCode: string;
  @Column('text') level: PostingLevel;
  @Column('text') position: string;
  @Column('text') grade: string;
  @Column('text') status: CivilServantStatus;
  /** Roles granted on this platform (for example identity.registrar, workflow.officer). */
  @Column('text', { array: true, default: () => "'{}'" }) roles: string[];
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash: string | null;
  /** The authenticator seed, sealed with the data key. */
  @Column('text', { name: 'totp_secret_sealed', nullable: true }) totpSecretSealed: string | null;
  /** The time step of the last authenticator code accepted: a code works once. */
  @Column('integer', { name: 'totp_last_step', nullable: true }) totpLastStep: number | null;
  @Column('text', { name: 'activation_code_hash', nullable: true }) activationCodeHash: string | null;
  @Column('timestamptz', { name: 'activation_expires_at', nullable: true }) activationExpiresAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The assignment history: every posting a civil servant held, the current one with no end date. */
@Entity({ name: 'assignments' })
@Index('assignments_person', ['personId', 'effectiveFrom'])
export class Assignment implements AssignmentRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @Column('text', { name: 'ministry_code' }) ministryCode: string;
  @Column('text', { name: 'department_code', nullable: true }) departmentCode: string | null;
  @Column('text', { name: 'province_code' }) provinceCode: string;
  @Column('text') level: PostingLevel;
  @Column('text') position: string;
  @Column('text') grade: string;
  @Column('date', { name: 'effective_from' }) effectiveFrom: string;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn: string | null;
  @Column('text') reason: string;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
