import { randomUUID } from 'node:crypto';
import {
  OneTimeCodeRequested,
  PersonEnrolled,
  type OneTimeCodeRequestedPayload,
  type OneTimeCodeSecret,
  type PersonEnrolledPayload,
} from '@onedoor/contracts';
import { blockEventSource, messagingSealingPublicKey, Sealer } from '@onedoor/backbone';

/** A one-time code request as identity knows it, before it seals the secret part for the messaging block. */
export type CodeRequest = Omit<OneTimeCodeRequestedPayload, 'sealed' | 'purpose'> &
  OneTimeCodeSecret & { purpose?: OneTimeCodeRequestedPayload['purpose'] };

/**
 * Publishes the identity block's events as the identity block does (its own outbox, relayed to Kafka), so the
 * messaging block is tested against the contracts alone, as any subscriber is.
 */
export async function identityEventSource(databaseUrl: string, brokers: string[]) {
  const source = await blockEventSource(databaseUrl, brokers, 'identity');
  // The messaging block under test runs in this process with ONEDOOR_DATA_DIR=memory: the same key pair.
  const sealer = await Sealer.forKey(messagingSealingPublicKey({ ONEDOOR_DATA_DIR: 'memory' }));
  let counter = 0;
  return {
    async enrolled(overrides: Partial<PersonEnrolledPayload> = {}): Promise<PersonEnrolledPayload> {
      counter += 1;
      const payload: PersonEnrolledPayload = {
        personId: randomUUID(),
        uin: `29475${String(10_000 + counter).slice(-5)}`,
        displayName: { lo: `ບົວພັນ ${counter}` },
        provinceCode: '01',
        districtCode: '0102',
        phone: `+85620${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
        preferredLanguage: 'lo',
        preferredChannel: 'sms',
        enrolledAt: new Date().toISOString(),
        enrolledBy: 'registrar',
        ...overrides,
      };
      await source.publish(PersonEnrolled, payload);
      return payload;
    },
    /** Seals the code and address as the identity block does; `sealWith` seals for another key instead. */
    async codeRequested({ code, destination, purpose = 'sign-in', ...rest }: CodeRequest, sealWith = sealer) {
      await source.publish(OneTimeCodeRequested, {
        ...rest,
        purpose,
        sealed: await sealWith.seal({ code, destination } satisfies OneTimeCodeSecret),
      });
    },
    close: () => source.close(),
  };
}
