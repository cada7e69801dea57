import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FeedbackError, FeedbackErrorCode } from '../../domain';
import { Open311Keys, type Open311KeyRecord } from '../ports';

const digestOf = (apiKey: string) => createHash('sha256').update(apiKey, 'utf8').digest('base64url');

/**
 * The civic apps allowed to submit cases through Open311: the Office issues each a key (shown once, kept as its
 * SHA-256 digest: a random 32-byte key needs no slow hash), lists them and revokes them.
 */
@Injectable()
export class Open311KeysHandler {
  constructor(private readonly keys: Open311Keys) {}

  async issue(name: string, createdBy: string): Promise<Open311KeyRecord & { apiKey: string }> {
    const id = randomUUID();
    const apiKey = `o311_${randomBytes(32).toString('base64url')}`;
    await this.keys.add({ id, name, createdBy, keyDigest: digestOf(apiKey) });
    return { id, name, createdBy, createdAt: new Date(), revokedAt: null, apiKey };
  }

  list(): Promise<Open311KeyRecord[]> {
    return this.keys.list();
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) {
      throw new FeedbackError(FeedbackErrorCode.KEY_NOT_FOUND, `No Open311 key ${id} in force.`);
    }
  }

  /** The key in force that this API key is, or a refusal (Open311 answers 403). */
  async check(apiKey: string | undefined): Promise<Open311KeyRecord> {
    const key = apiKey && apiKey.length <= 200 ? await this.keys.byDigest(digestOf(apiKey)) : null;
    if (!key) {
      throw new FeedbackError(
        FeedbackErrorCode.INVALID_API_KEY,
        apiKey ? 'The api_key is not a key in force.' : 'An api_key is required to submit a request.',
      );
    }
    return key;
  }
}
