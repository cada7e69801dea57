import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newSealingKeyPair } from '@onedoor/backbone';
import { BLOCKS } from '@onedoor/contracts';
import { distributedAddresses } from '../helpers';
import {
  createScratchDatabase,
  freePort,
  readMail,
  requireKafkaBrokers,
  startProcess,
  startSmsGateway,
  startSmtpServer,
  waitFor,
  type RunningProcess,
  type ScratchDatabase,
} from '@onedoor/testing';

export type Mode = 'distributed' | 'embedded';

export const OPERATOR = { id: 'journey-operator', secret: 'journey-operator-secret-0123456789abcdef' };
export const SMS_INBOUND_SECRET = 'journey-sms-gateway-secret';
const SMS_GATEWAY_TOKEN = 'journey-sms-gateway-token';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** What reached people's phones and mailboxes, and the blocks' URLs: what a journey's people need of the platform. */
export interface Reach {
  urls: Record<string, string>;
  /** Every SMS the gateway was asked to send, in order. */
  sms(): { to: string; text: string }[];
  /** Every mail the SMTP server received, decoded. */
  mail(): Promise<Mail[]>;
  /** Waits for the SMS to `to` that `match` picks among those after the first `after`, and answers its text. */
  smsTo(to: string, match: (text: string) => boolean, what: string, after?: number): Promise<string>;
  /** Waits for the mail to `to` that `match` picks. */
  mailTo(to: string, match: (mail: Mail) => boolean, what: string): Promise<Mail>;
  /** Notes the journey's progress: shown, with the processes' output, when a journey fails. */
  step(name: string): void;
}

/**
 * The platform as its users reach it: the blocks' URLs, and what reached people's phones and mailboxes (an SMS
 * gateway double implementing the documented interface, and a real SMTP server, both on loopback).
 */
export interface JourneyPlatform extends Reach {
  mode: Mode;
  steps(): string[];
  output(): string;
  close(): Promise<void>;
}

/** The platform at `urls` as reached through the SMS gateway double and the SMTP server. */
export function reach(
  urls: Record<string, string>,
  sms: Awaited<ReturnType<typeof startSmsGateway>>,
  smtp: Awaited<ReturnType<typeof startSmtpServer>>,
  step: (name: string) => void,
): Reach {
  const received = () => [...sms.delivered.values()].map(({ to, text }) => ({ to, text }));
  const mail = () => Promise.all(smtp.mails.map(readMail));
  return {
    urls,
    sms: received,
    mail,
    smsTo: (to, match, what, after = 0) =>
      waitFor(
        `an SMS to ${to}: ${what}`,
        async () =>
          received()
            .slice(after)
            .find((m) => m.to === to && match(m.text))?.text,
        60_000,
      ),
    mailTo: (to, match, what) =>
      waitFor(
        `a mail to ${to}: ${what}`,
        async () => (await mail()).find((m) => m.to.includes(to) && match(m)),
        60_000,
      ),
    step,
  };
}

/**
 * Starts the whole platform from its built entry points, configured as in production but for the addresses:
 * distributed (each block its own process on the real Kafka broker and a scratch PostgreSQL database, every token
 * the identity block's) or embedded (one process, embedded database, in-process events).
 */
export async function startJourneyPlatform(
  mode: Mode,
  settings: Record<string, string> = {},
): Promise<JourneyPlatform> {
  const sms = await startSmsGateway();
  const smtp = await startSmtpServer();
  const dataDir = mkdtempSync(path.join(tmpdir(), `onedoor-journey-${mode}-`));
  const sealing = newSealingKeyPair();
  const env: Record<string, string> = {
    ONEDOOR_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    IDENTITY_OPERATOR_CLIENT_ID: OPERATOR.id,
    IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR.secret,
    MESSAGING_SEALING_KEY: JSON.stringify(sealing.privateKey),
    IDENTITY_SEALING_PUBLIC_KEY: JSON.stringify(sealing.publicKey),
    FEEDBACK_SEALING_PUBLIC_KEY: JSON.stringify(sealing.publicKey),
    MESSAGING_SMTP_URLS: smtp.url,
    MESSAGING_SMS_GATEWAYS: sms.url,
    MESSAGING_SMS_GATEWAY_TOKEN: SMS_GATEWAY_TOKEN,
    FEEDBACK_SMS_SECRET: SMS_INBOUND_SECRET,
    CONSUMER_INITIAL_BACKOFF_MS: '50',
    ...settings,
  };
  const urls: Record<string, string> = {};
  const processes: RunningProcess[] = [];
  let db: ScratchDatabase | undefined;

  if (mode === 'distributed') {
    db = await createScratchDatabase('onedoor_journeys');
    Object.assign(env, { KAFKA_BROKERS: requireKafkaBrokers().join(','), DATABASE_URL: db.url });
    Object.assign(urls, await distributedAddresses(env));
    env.REGISTRATION_WORKFLOW_URL = urls.workflow;
    // The identity block first: the others read its key set.
    processes.push(await startProcess('dist/services/identity/src/main.js', env, `${urls.identity}/health/ready`));
    processes.push(
      ...(await Promise.all(
        BLOCKS.filter((b) => b !== 'identity').map((block) =>
          startProcess(`dist/services/${block}/src/main.js`, env, `${urls[block]}/health/ready`),
        ),
      )),
    );
  } else {
    const port = await freePort();
    for (const block of BLOCKS) urls[block] = `http://127.0.0.1:${port}/${block}`;
    Object.assign(env, { PORT: String(port), KAFKA_BROKERS: '', DATABASE_URL: '', AUTH_JWKS: '', AUTH_JWKS_URL: '' });
    processes.push(await startProcess('dist/services/platform/src/main.js', env, `${urls.feedback}/health/ready`));
  }

  const started = Date.now();
  const steps: string[] = [];
  return {
    ...reach(urls, sms, smtp, (name) => steps.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${name}`)),
    mode,
    steps: () => steps,
    output: () => processes.map((p) => p.output.join('')).join('\n'),
    async close() {
      await Promise.all(processes.map((p) => p.kill()));
      await Promise.all([sms.close(), smtp.close()]);
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
