import { Injectable } from '@nestjs/common';
import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import {
  encodeStatusList,
  isOwnRecord,
  readStatusList,
  STATUS_LIST_TYPE,
  verifyCard,
  type CardVerdict,
} from '../../domain';
import { credentialNotFound, STATUS_LIST_TTL_SECONDS } from '../card-access';
import { CardSigner } from '../card-signer';
import { CredentialStore } from '../ports';

/** Cards as their holder and HR read them; the signed status list; verification as a verifier does it. */
@Injectable()
export class CredentialQueries {
  constructor(
    private readonly credentials: CredentialStore,
    private readonly signer: CardSigner,
  ) {}

  async list(caller: Caller, personId: string) {
    const servant = await this.credentials.civilServant(personId);
    const allowed =
      servant &&
      (isOwnRecord(caller, servant) ||
        (hasRole(caller, ROLES.identityHumanResources) &&
          (!caller.ministry || caller.ministry === servant.ministryCode)));
    if (!allowed) throw credentialNotFound();
    return this.credentials.ofPerson(personId);
  }

  publicKeys() {
    return this.signer.publicKeys();
  }

  /** The signed status list (statuslist+jwt), valid for a day; verifiers refresh it every five minutes. */
  async statusList(baseUrl: string): Promise<string> {
    const signer = await this.signer.current();
    const now = Math.floor(Date.now() / 1000);
    return signer.sign(
      {
        sub: `${baseUrl}/credentials/status-list`,
        iat: now,
        exp: now + 86_400,
        ttl: STATUS_LIST_TTL_SECONDS,
        status_list: { bits: 1, lst: encodeStatusList(await this.credentials.revokedIndexes()) },
      },
      STATUS_LIST_TYPE,
    );
  }

  /** Verifies as an offline verifier would, with the current keys and status list. */
  async verify(jws: string, baseUrl: string): Promise<CardVerdict> {
    const keys = await this.publicKeys();
    return verifyCard(jws, keys, await readStatusList(await this.statusList(baseUrl), keys));
  }
}
