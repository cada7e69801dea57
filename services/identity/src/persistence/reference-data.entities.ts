import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AdminAreaLevel, AdminAreaRecord, OrganisationKind, OrganisationRecord } from '../domain/identity.model';

export type { AdminAreaLevel, OrganisationKind };

/** The country's administrative divisions as data: province (2 digits), district (4), village (7). */
@Entity({ name: 'admin_areas' })
@Index('admin_areas_parent', ['parentCode'])
export class AdminArea implements AdminAreaRecord {
  @PrimaryColumn('text') code: string;
  @Column('text') level: AdminAreaLevel;
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
  @Column('text', { name: 'name_lo' }) nameLo: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
}

/** Ministries and their departments (codes such as MOH, MOH-DHR): where civil servants work and cases go. */
@Entity({ name: 'organisations' })
@Index('organisations_parent', ['parentCode'])
export class Organisation implements OrganisationRecord {
  @PrimaryColumn('text') code: string;
  @Column('text') kind: OrganisationKind;
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
  @Column('text', { name: 'name_lo' }) nameLo: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
}
