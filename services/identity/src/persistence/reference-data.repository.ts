import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import {
  AdminAreaSaved,
  OrganisationSaved,
  type AdminAreaSavedPayload,
  type OrganisationSavedPayload,
} from '@onedoor/contracts';
import { ReferenceCodes, type AddressCodes, type FieldError } from '../application/ports';
import { AdminArea, Organisation, type AdminAreaLevel } from './reference-data.entities';

const CODE_FORMAT: Record<AdminAreaLevel, RegExp> = {
  province: /^\d{2}$/,
  district: /^\d{4}$/,
  village: /^\d{7}$/,
};
const PARENT_LEVEL: Record<AdminAreaLevel, AdminAreaLevel | null> = {
  province: null,
  district: 'province',
  village: 'district',
};
const CACHE_TTL_MS = 60_000;

const announcement = (o: Organisation): OrganisationSavedPayload => ({
  code: o.code,
  kind: o.kind,
  ...(o.parentCode && { parentCode: o.parentCode }),
  nameLo: o.nameLo,
  nameEn: o.nameEn,
  at: new Date().toISOString(),
});

const areaAnnouncement = (a: AdminArea): AdminAreaSavedPayload => ({
  code: a.code,
  level: a.level,
  ...(a.parentCode && { parentCode: a.parentCode }),
  nameLo: a.nameLo,
  nameEn: a.nameEn,
  at: new Date().toISOString(),
});

const LEVEL_ORDER: Record<AdminAreaLevel, number> = { province: 0, district: 1, village: 2 };

/**
 * Administrative areas and organisations, read from the database and cached for a minute (they change rarely,
 * and every enrolment checks them). A write through this replica refreshes its cache at once. Every organisation
 * and administrative area saved is announced (identity.organisation.saved, identity.admin-area.saved), and those
 * the block holds when it first starts with each announcement (the seeded ones, those added before) are announced
 * once, by one replica.
 */
@Injectable()
export class ReferenceDataRepository implements ReferenceCodes, OnApplicationBootstrap {
  private cache?: { at: number; areas: Map<string, AdminArea>; organisations: Map<string, Organisation> };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (await this.firstTime(manager, 'organisations')) {
        const all = await manager.getRepository(Organisation).find({ order: { kind: 'DESC', code: 'ASC' } });
        await this.backbone.publisher.publishMany(manager, OrganisationSaved, all.map(announcement));
      }
      if (await this.firstTime(manager, 'admin-areas')) {
        const all = await manager.getRepository(AdminArea).find();
        all.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code));
        await this.backbone.publisher.publishMany(manager, AdminAreaSaved, all.map(areaAnnouncement));
      }
    });
  }

  /** Whether this replica is the first to make the announcement (a marker row, taken once). */
  private async firstTime(manager: EntityManager, name: string): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO identity.announcements (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name`,
      [name],
    )) as unknown[];
    return rows.length > 0;
  }

  private publish(manager: EntityManager, organisation: Organisation) {
    return this.backbone.publisher.publish(manager, OrganisationSaved, announcement(organisation));
  }

  private async load() {
    if (this.cache && Date.now() - this.cache.at < CACHE_TTL_MS) return this.cache;
    const [areas, organisations] = await Promise.all([
      this.dataSource.getRepository(AdminArea).find(),
      this.dataSource.getRepository(Organisation).find(),
    ]);
    this.cache = {
      at: Date.now(),
      areas: new Map(areas.map((a) => [a.code, a])),
      organisations: new Map(organisations.map((o) => [o.code, o])),
    };
    return this.cache;
  }

  async areas(filter: { level?: AdminAreaLevel; parentCode?: string }): Promise<AdminArea[]> {
    const { areas } = await this.load();
    return [...areas.values()]
      .filter(
        (a) =>
          (!filter.level || a.level === filter.level) && (!filter.parentCode || a.parentCode === filter.parentCode),
      )
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  async organisations(filter: { kind?: Organisation['kind']; parentCode?: string }): Promise<Organisation[]> {
    const { organisations } = await this.load();
    return [...organisations.values()]
      .filter(
        (o) => (!filter.kind || o.kind === filter.kind) && (!filter.parentCode || o.parentCode === filter.parentCode),
      )
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  async area(code: string): Promise<AdminArea | undefined> {
    return (await this.load()).areas.get(code);
  }

  async organisation(code: string): Promise<Organisation | undefined> {
    return (await this.load()).organisations.get(code);
  }

  /** Errors for unknown codes, or a district outside the province, or a village outside the district. */
  async addressErrors(address: AddressCodes, prefix = ''): Promise<FieldError[]> {
    const { areas } = await this.load();
    const errors: FieldError[] = [];
    const check = (field: keyof AddressCodes, level: AdminAreaLevel, parent?: string) => {
      const code = address[field];
      if (!code) return;
      const area = areas.get(code);
      if (!area || area.level !== level) {
        errors.push({ field: `${prefix}${field}`, message: `unknown ${level} code "${code}"` });
      } else if (parent && area.parentCode !== parent) {
        errors.push({
          field: `${prefix}${field}`,
          message: `${level} "${code}" is not in ${PARENT_LEVEL[level]} "${parent}"`,
        });
      }
    };
    check('provinceCode', 'province');
    check('districtCode', 'district', address.provinceCode);
    check('villageCode', 'village', address.districtCode);
    return errors;
  }

  /** Errors for an unknown ministry, or a department that is not one of the ministry's. */
  async postingErrors(ministryCode: string, departmentCode?: string | null): Promise<FieldError[]> {
    const { organisations } = await this.load();
    const ministry = organisations.get(ministryCode);
    if (!ministry || ministry.kind !== 'ministry')
      return [{ field: 'ministryCode', message: `unknown ministry "${ministryCode}"` }];
    if (!departmentCode) return [];
    const department = organisations.get(departmentCode);
    if (!department || department.kind !== 'department' || department.parentCode !== ministryCode) {
      return [{ field: 'departmentCode', message: `"${departmentCode}" is not a department of ${ministryCode}` }];
    }
    return [];
  }

  async saveArea(area: AdminArea): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (!CODE_FORMAT[area.level].test(area.code)) {
      errors.push({
        field: 'code',
        message: `a ${area.level} code has ${CODE_FORMAT[area.level].source.match(/\d+/)![0]} digits`,
      });
    }
    const parentLevel = PARENT_LEVEL[area.level];
    if (!parentLevel && area.parentCode) errors.push({ field: 'parentCode', message: 'a province has no parent' });
    if (parentLevel) {
      const parent = area.parentCode ? await this.area(area.parentCode) : undefined;
      if (!parent || parent.level !== parentLevel || !area.code.startsWith(parent.code)) {
        errors.push({
          field: 'parentCode',
          message: `a ${area.level} belongs to a known ${parentLevel} whose code it starts with`,
        });
      }
    }
    if (errors.length) return errors;
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(AdminArea).save(area);
      await this.backbone.publisher.publish(manager, AdminAreaSaved, areaAnnouncement(area));
    });
    this.cache = undefined;
    return [];
  }

  async saveOrganisation(organisation: Organisation): Promise<FieldError[]> {
    if (organisation.kind === 'ministry' && organisation.parentCode) {
      return [{ field: 'parentCode', message: 'a ministry has no parent' }];
    }
    if (organisation.kind === 'department') {
      const parent = organisation.parentCode ? await this.organisation(organisation.parentCode) : undefined;
      if (!parent || parent.kind !== 'ministry' || !organisation.code.startsWith(`${parent.code}-`)) {
        return [
          {
            field: 'parentCode',
            message: 'a department belongs to a known ministry, and its code starts with the ministry code and "-"',
          },
        ];
      }
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Organisation).save(organisation);
      await this.publish(manager, organisation);
    });
    this.cache = undefined;
    return [];
  }
}
