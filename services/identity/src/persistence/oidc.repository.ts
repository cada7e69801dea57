import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OidcStore, type OidcAdapter } from '../application/ports';
import { SecretBox } from '../application/secret-box';
import type { CivilServantRecord } from '../domain';
import { CivilServant } from './civil-servant.entities';
import { OidcRecord } from './oidc.entities';
import { forgetClient, postgresAdapterFactory, purgeExpiredOidcRecords } from './oidc-records';
import { Person } from './person.entities';

/** The OpenID provider's storage (identity.oidc_records), accounts and client registrations. */
@Injectable()
export class OidcRepository implements OidcStore {
  private readonly adapter: new (model: string) => OidcAdapter;

  constructor(
    private readonly dataSource: DataSource,
    secrets: SecretBox,
  ) {
    this.adapter = postgresAdapterFactory(dataSource, secrets) as never;
  }

  adapterClass() {
    return this.adapter;
  }

  purgeExpired() {
    return purgeExpiredOidcRecords(this.dataSource);
  }

  async account(accountId: string) {
    const civilServant = await this.activeCivilServant(accountId);
    const person = await this.dataSource
      .getRepository(Person)
      .findOneBy({ id: civilServant?.personId ?? accountId, status: 'ACTIVE' });
    return person && { person, civilServant };
  }

  activeCivilServant(accountId: string): Promise<CivilServantRecord | null> {
    return this.dataSource.getRepository(CivilServant).findOneBy({ accountId, status: 'ACTIVE' });
  }

  async client(clientId: string) {
    const row = await this.dataSource.getRepository(OidcRecord).findOneBy({ model: 'Client', id: clientId });
    return row?.payload;
  }

  async saveClient(clientId: string, metadata: Record<string, unknown>): Promise<void> {
    await new this.adapter('Client').upsert(clientId, metadata);
  }

  async replaceClient(clientId: string, metadata: Record<string, unknown>): Promise<void> {
    await this.dataSource
      .getRepository(OidcRecord)
      .update({ model: 'Client', id: clientId }, { payload: metadata as never });
    forgetClient(clientId);
  }
}
