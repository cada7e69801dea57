import { randomUUID } from 'node:crypto';
import {
  OneTimeCodeRequested,
  PersonEnrolled,
  type OneTimeCodeRequestedPayload,
  type PersonEnrolledPayload,
} from '@onedoor/contracts';
import { blockEventSource } from '@onedoor/backbone';

/**
 * Publishes the identity block's events as the identity block does (its own outbox, relayed to Kafka), so the
 * messaging block is tested against the contracts alone, as any subscriber is.
 */
export async function identityEventSource(databaseUrl: string, brokers: string[]) {
  const source = await blockEventSource(databaseUrl, brokers, 'identity');
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
    async codeRequested(payload: OneTimeCodeRequestedPayload) {
      await source.publish(OneTimeCodeRequested, payload);
    },
    close: () => source.close(),
  };
}
