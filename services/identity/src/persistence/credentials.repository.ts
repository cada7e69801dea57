import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { CredentialChanges, CredentialStore } from '../application/ports';
import type { CivilServantRecord, CredentialRecord, PersonRecord } from '../domain';
import { CivilServant } from './civil-servant.entities';
import { Credential } from './credential.entity';
import { Person } from './person.entities';
import { IdentityTx } from './tx-base';

/** Cards inside one transaction. */
export class CredentialsTx extends IdentityTx implements CredentialChanges {
  lockCivilServant(personId: string): Promise<CivilServantRecord | null> {
    return this.manager.findOne(CivilServant, { where: { personId }, lock: { mode: 'pessimistic_write' } });
  }

  civilServant(personId: string): Promise<CivilServantRecord | null> {
    return this.manager.findOneBy(CivilServant, { personId });
  }

  person(personId: string): Promise<PersonRecord> {
    return this.manager.findOneByOrFail(Person, { id: personId });
  }

  validOf(personId: string): Promise<CredentialRecord[]> {
    return this.manager.findBy(Credential, { personId, revokedAt: IsNull() });
  }

  async statusIndexTaken(index: number): Promise<boolean> {
    return (await this.manager.query(`SELECT 1 FROM identity.credentials WHERE status_index = $1`, [index])).length > 0;
  }

  async add(credential: CredentialRecord): Promise<void> {
    await this.manager.insert(Credential, credential);
  }

  lock(id: string): Promise<CredentialRecord | null> {
    return this.manager.findOne(Credential, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(credential: CredentialRecord): Promise<void> {
    await this.manager.save(Credential, credential);
  }
}

/** Civil servants' cards in PostgreSQL (schema `identity`). */
@Injectable()
export class CredentialsRepository implements CredentialStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  transaction<T>(work: (tx: CredentialChanges) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new CredentialsTx(manager, this.backbone)));
  }

  ofPerson(personId: string): Promise<CredentialRecord[]> {
    return this.dataSource.getRepository(Credential).find({ where: { personId }, order: { issuedAt: 'DESC' } });
  }

  civilServant(personId: string): Promise<CivilServantRecord | null> {
    return this.dataSource.getRepository(CivilServant).findOneBy({ personId });
  }

  async revokedIndexes(): Promise<number[]> {
    const rows: { status_index: number }[] = await this.dataSource.query(
      `SELECT status_index FROM identity.credentials WHERE revoked_at IS NOT NULL AND expires_at > now()`,
    );
    return rows.map((r) => r.status_index);
  }
}
