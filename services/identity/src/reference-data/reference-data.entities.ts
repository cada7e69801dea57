import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AdminAreaLevel = 'province' | 'district' | 'village';

/** The country's administrative divisions as data: province (2 digits), district (4), village (7). */
@Entity({ name: 'admin_areas' })
@Index('admin_areas_parent', ['parentCode'])
export class AdminArea {
  @PrimaryColumn('text') code: string;
  @Column('text') level: AdminAreaLevel;
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
  @Column('text', { name: 'name_lo' }) nameLo: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
}

export type OrganisationKind = 'ministry' | 'department';

/** Ministries and their departments (codes such as MOH, MOH-DHR): where civil servants work and cases go. */
@Entity({ name: 'organisations' })
@Index('organisations_parent', ['parentCode'])
export class Organisation {
  @PrimaryColumn('text') code: string;
  @Column('text') kind: OrganisationKind;
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
  @Column('text', { name: 'name_lo' }) nameLo: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
}
