import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newSealingKeyPair } from '@onedoor/backbone';
import { BLOCKS, ProbeSent, deadLetterTopic } from '@onedoor/contracts';
import {
  freePort,
  localKafkaBroker,
  requireKafkaBrokers,
  startPostgresCluster,
  startProcess,
  startSmsGateway,
  startSmtpServer,
  readMail,
  waitFor,
  type PostgresCluster,
  type RunningProcess,
} from '@onedoor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ALL_BLOCKS } from '../src/blocks';
import { SEED_CITIZEN } from '../src/seed/seed';
import { FaultClient } from './faults/client';
import { applicationUnderFaults, complaintUnderFaults, type Applicant } from './faults/journeys';
import { distributedAddresses } from './helpers';
import { openHotlineDesk, type HotlineDesk } from './journeys/hotline-complaint';
import { publishOneDoorService, type OneDoorService } from './journeys/one-door-application';
import { OPERATOR, reach } from './journeys/platform';

/**
 * The fault test: while journeys and cases run at a steady load through every block in distributed mode (two
 * replicas each of the workflow and messaging blocks), the Kafka broker is restarted twice, every process is killed
 * once with SIGKILL and restarted, the PostgreSQL server is restarted once (a cluster of the test's own), the
 * identity block's signing keys are rotated, and the documents' volume is unmounted for a few seconds. Then, printed as counts: every journey and case reached its final
 * state, no notification went twice, no committed event was lost by any of its consumers, nothing was
 * dead-lettered, and no request got a 5xx other than 503.
 *
 * The journeys (faults/journeys.ts) are the platform's two: a citizen's one-door application (applied with a
 * document, sent back, corrected, approved by three offices, certificate, rating) and an anonymous hotline complaint
 * (Open311; triaged, routed, verified, founded, accepted, published, closed, followed by PIN). A case is what a
 * ministry's system does through the blocks' APIs: a process instance started that waits on a timer and ends
 * (timers across replicas); a notification sent by e-mail or SMS; a probe every block must receive exactly once.
 * Every call is a client's (faults/client.ts): an Idempotency-Key on each write, retried on 503, 409 "in
 * progress", a lost connection or a timeout, against either replica. The SMTP server and the SMS gateway doubles
 * count what reaches each destination.
 *
 * `npm run faults` runs it at full size; `npm test` (CI) at a reduced one. FAULTS_SEED replays a run's choices.
 */
const FULL = process.env.FAULTS_SIZE === 'full';
const RATE_PER_SECOND = FULL ? 4 : 1;
/** At full size the load also runs this long after the last fault. */
const TAIL_SECONDS = FULL ? 60 : 5;
/** A one-door application and a hotline complaint start every this many cases. */
const JOURNEY_EVERY = FULL ? 8 : 4;
/** Citizens enrolled and signed in before the faults, each applying many times. */
const APPLICANTS = FULL ? 8 : 3;
const SEED = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small seeded generator, so a run's choices (order of kills, pauses) can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLICATED = ['workflow', 'messaging'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Replica {
  block: string;
  name: string;
  env: Record<string, string>;
  url: string;
  process?: RunningProcess;
}

describe('faults: journeys and cases keep going through broker restarts, killed blocks, a database restart and a key rotation', () => {
  const brokers = requireKafkaBrokers();
  const broker = localKafkaBroker();
  const random = seeded(SEED);
  let cluster: PostgresCluster;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const replicas: Replica[] = [];
  const client = new FaultClient((block) => replicas.filter((r) => r.block === block).map((r) => r.url), random);
  const { statuses, violations } = client;
  const log: string[] = [];
  const volume = mkdtempSync(path.join(tmpdir(), 'onedoor-faults-documents-'));
  const started = Date.now();
  const note = (what: string) => log.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${what}`);

  beforeAll(async () => {
    process.stdout.write(`fault test: seed ${SEED} (FAULTS_SEED=${SEED} replays its choices)\n`);
    cluster = await startPostgresCluster(await freePort());
    sms = await startSmsGateway();
    smtp = await startSmtpServer();
    const sealing = newSealingKeyPair();
    const env: Record<string, string> = {
      ONEDOOR_DATA_DIR: 'memory',
      // Documents on a volume of the test's own (shared by the replicas, as in production), which it unmounts.
      REGISTRATION_STORAGE_DIR: path.join(volume, 'registration'),
      FEEDBACK_STORAGE_DIR: path.join(volume, 'feedback'),
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: brokers.join(','),
      DATABASE_URL: cluster.url,
      IDENTITY_OPERATOR_CLIENT_ID: OPERATOR.id,
      IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR.secret,
      // As in production: a restarted identity block opens what it sealed before.
      IDENTITY_DATA_KEY: randomBytes(32).toString('base64'),
      MESSAGING_SEALING_KEY: JSON.stringify(sealing.privateKey),
      IDENTITY_SEALING_PUBLIC_KEY: JSON.stringify(sealing.publicKey),
      FEEDBACK_SEALING_PUBLIC_KEY: JSON.stringify(sealing.publicKey),
      MESSAGING_SMTP_URLS: smtp.url,
      MESSAGING_SMS_GATEWAYS: sms.url,
      MESSAGING_SMS_GATEWAY_TOKEN: 'faults-gateway-token',
      CONSUMER_INITIAL_BACKOFF_MS: '50',
      // Every complaint comes from this one loopback address (the limit per source has tests of its own).
      FEEDBACK_SUBMISSIONS_PER_HOUR: '100000',
    };
    const urls = await distributedAddresses(env);
    env.REGISTRATION_WORKFLOW_URL = urls.workflow;
    for (const block of BLOCKS) {
      replicas.push({ block, name: `${block}-1`, env, url: urls[block] });
      if (REPLICATED.includes(block)) {
        const port = await freePort();
        replicas.push({
          block,
          name: `${block}-2`,
          env: { ...env, [`${block.toUpperCase()}_PORT`]: String(port) },
          url: `http://127.0.0.1:${port}/${block}`,
        });
      }
    }
    // The identity block first: the others read its key set.
    await start(replicas[0], 'ready');
    await Promise.all(replicas.slice(1).map((replica) => start(replica, 'ready')));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.process?.kill()));
    await Promise.all([sms?.close(), smtp?.close()]);
    cluster?.destroy();
    rmSync(volume, { recursive: true, force: true });
    // The shared broker must be up for whatever runs next.
    if (!broker.status().running) await broker.start();
  });

  async function start(replica: Replica, until: 'live' | 'ready') {
    replica.process = await startProcess(
      `dist/services/${replica.block}/src/main.js`,
      replica.env,
      `${replica.url}/health/${until}`,
    );
  }

  // -- the clients: tokens, and calls retried as a client would, against either replica

  const tokens = new Map<string, { value: string; at: number }>();

  async function token(id: string, secret: string, fresh = false): Promise<string> {
    const held = tokens.get(id);
    // Fetched again every 20 s, so tokens signed with the rotated key are used too.
    if (held && !fresh && Date.now() - held.at < 20_000) return held.value;
    const body = await client.call('identity', 'POST', '/oauth/token', undefined, {
      form: 'grant_type=client_credentials',
      basic: `${id}:${secret}`,
    });
    const value = body.access_token as string;
    tokens.set(id, { value, at: Date.now() });
    return value;
  }

  // -- the load

  interface Case {
    n: number;
    instanceId?: string;
    destination: string;
    probeId?: string;
    probeFrom: string;
    error?: string;
  }

  /** A journey the load started: its kind, the case it started with, and what it ended with. */
  interface Journey {
    kind: 'one-door application' | 'hotline complaint';
    n: number;
    phone?: string;
    ref?: string;
    error?: string;
  }

  async function runCase(
    c: Case,
    app: (fresh?: boolean) => Promise<string>,
    operator: (fresh?: boolean) => Promise<string>,
  ) {
    const id = `case-${SEED}-${c.n}`;
    const [instance, , probe] = await Promise.all([
      client.call('workflow', 'POST', '/processes/wait-until/start', `${id}-start`, {
        token: app,
        json: {
          processStartedBy: 'fault-test',
          businessKey: id,
          variables: { fireAt: new Date(Date.now() + 5_000 + random() * 10_000).toISOString() },
        },
      }),
      client.call('messaging', 'POST', '/messages', `${id}-message`, {
        token: operator,
        json: {
          templateKey: 'identity.one-time-code',
          variables: { code: String(100000 + c.n), minutes: 5 },
          essential: true,
          address: c.destination.includes('@')
            ? { channel: 'email', destination: c.destination, language: 'en' }
            : { channel: 'sms', destination: c.destination, language: 'lo' },
        },
      }),
      client.call(c.probeFrom, 'POST', '/diagnostics/probes', `${id}-probe`, {
        token: operator,
        json: { note: id },
      }),
    ]);
    c.instanceId = instance.id as string;
    c.probeId = probe.probeId as string;
  }

  // -- the faults

  /** The documents' volume gone for a few seconds (unmounted: something else where its directories were). */
  async function unmountDocuments() {
    const away = `${volume}.away`;
    note('documents: volume unmounted');
    renameSync(volume, away);
    mkdirSync(volume);
    for (const block of ['registration', 'feedback']) writeFileSync(path.join(volume, block), '');
    await sleep(3_000 + random() * 3_000);
    rmSync(volume, { recursive: true, force: true });
    renameSync(away, volume);
    note('documents: volume mounted again');
  }

  async function restartBroker(which: string) {
    note(`Kafka: stopped (${which})`);
    await broker.stop();
    await sleep(2_000 + random() * 3_000);
    await broker.start();
    note(`Kafka: started again (${which})`);
  }

  async function killEveryProcess() {
    const order = [...replicas].sort(() => random() - 0.5);
    for (const replica of order) {
      await sleep(1_000 + random() * 3_000);
      note(`SIGKILL ${replica.name}`);
      await replica.process!.kill();
      await start(replica, 'live');
      note(`${replica.name} serving again`);
    }
  }

  it('keeps every journey and case, loses no event, sends no notification twice, and answers no 5xx but 503', async () => {
    try {
      await faultRun();
    } catch (error) {
      // How far it got, what the clients saw, and what each process said last.
      process.stdout.write(
        `fault test failed (seed ${SEED}):\n${log.join('\n')}\nstatuses ${JSON.stringify(Object.fromEntries(statuses))}\n` +
          `violations ${JSON.stringify(violations.slice(0, 20))}\n` +
          replicas
            .map(
              (r) =>
                `--- ${r.name} (exit ${r.process?.child.exitCode ?? 'running'})\n${r.process?.output.join('').slice(-2_000)}`,
            )
            .join('\n') +
          '\n',
      );
      throw error;
    }
  }, 1_200_000);

  async function faultRun() {
    const operator = (fresh?: boolean) => token(OPERATOR.id, OPERATOR.secret, fresh);
    const registered = await client.call('identity', 'POST', '/client-mgmt/oidc-client', undefined, {
      token: operator,
      json: {
        requestTime: new Date().toISOString(),
        request: {
          clientId: 'faults-app',
          clientName: 'A ministry system under faults',
          redirectUris: [],
          grantTypes: ['client_credentials'],
          clientAuthMethods: ['client_secret_basic'],
          roles: ['workflow.admin', 'workflow.starter'],
        },
      },
    });
    const appSecret = (registered.response as { clientSecret: string }).clientSecret;
    const app = (fresh?: boolean) => token('faults-app', appSecret, fresh);
    const bpmn = readFileSync(path.resolve(__dirname, '../../workflow/examples/wait-until.bpmn'), 'utf8');
    await client.call('workflow', 'POST', '/processes', 'faults-process', { token: app, json: { bpmn } });

    // Before the faults, as a ministry and the hotline do once: the service published, its offices' and the
    // hotline's officers signed in, a civic app's Open311 key, and citizens enrolled and signed in (SMS code).
    const people = reach(
      Object.fromEntries(BLOCKS.map((block) => [block, replicas.find((r) => r.block === block)!.url])),
      sms,
      smtp,
      note,
    );
    const service: OneDoorService = await publishOneDoorService(people);
    const desk: HotlineDesk = await openHotlineDesk(people);
    const open311 = await client.call('feedback', 'POST', '/open311/keys', 'faults-open311-key', {
      token: async () => desk.office,
      json: { name: 'A civic app under faults' },
    });
    const applicants: Applicant[] = await Promise.all(
      Array.from({ length: APPLICANTS }, async (_, i) => {
        const phone = `+85620${String(SEED % 10_000).padStart(4, '0')}9${String(i).padStart(3, '0')}`;
        const email = `applicant-${SEED}-${i}@example.la`;
        const enrolled = await client.call('identity', 'POST', '/persons', `faults-applicant-${i}`, {
          token: async () => service.hr,
          json: { ...SEED_CITIZEN, phone, email, dateOfBirth: `1990-04-${String(10 + i).padStart(2, '0')}` },
        });
        const signedIn = await service.portal.citizen(enrolled.uin as string, phone);
        return { phone, email, token: async () => signedIn };
      }),
    );
    note(`journeys ready: service published, ${APPLICANTS} citizens signed in`);

    const kafka = new Kafka({ clientId: 'faults-test', brokers, logLevel: logLevel.NOTHING });
    // Every block consumes: its own events, and the platform's probes (diagnostics).
    const groups = BLOCKS.map((block) => `onedoor.${block}`);
    const deadLetters = async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const counts: Record<string, number> = {};
        for (const group of groups) {
          const offsets = await admin.fetchTopicOffsets(deadLetterTopic(group)).catch(() => []);
          counts[group] = offsets.reduce((sum, o) => sum + Number(o.high), 0);
        }
        return counts;
      } finally {
        await admin.disconnect();
      }
    };
    const deadLettersBefore = await deadLetters();

    // The load: RATE_PER_SECOND new cases a second until the faults are over and TAIL_SECONDS more.
    const cases: Case[] = [];
    const journeys: Journey[] = [];
    const running: Promise<void>[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const n = cases.length;
        if (n % JOURNEY_EVERY === 0) {
          const applying: Journey = { kind: 'one-door application', n };
          const complaining: Journey = {
            kind: 'hotline complaint',
            n,
            phone: `+85630${String(SEED % 10_000).padStart(4, '0')}${String(n).padStart(4, '0')}`,
          };
          journeys.push(applying, complaining);
          const id = `journey-${SEED}-${n}`;
          running.push(
            applicationUnderFaults(client, service, applicants[(n / JOURNEY_EVERY) % APPLICANTS], `${id}-a`)
              .then((done) => void (applying.ref = done.applicationId))
              .catch((error: Error) => void (applying.error = error.message)),
            complaintUnderFaults(client, desk, open311.apiKey as string, complaining.phone!, `${id}-c`)
              .then((done) => void (complaining.ref = done.caseNumber))
              .catch((error: Error) => void (complaining.error = error.message)),
          );
        }
        const c: Case = {
          n,
          destination:
            n % 2
              ? `case-${SEED}-${n}@example.la`
              : `+85620${String(SEED % 10_000).padStart(4, '0')}${String(n).padStart(4, '0')}`,
          probeFrom: BLOCKS[n % BLOCKS.length],
        };
        cases.push(c);
        running.push(
          runCase(c, app, operator).catch((error: Error) => {
            c.error = error.message;
          }),
        );
        await sleep(1_000 / RATE_PER_SECOND);
      }
    })();

    await sleep(5_000);
    await restartBroker('first');
    await killEveryProcess();
    note('PostgreSQL: restarted');
    cluster.restart();
    note('identity: signing keys rotated');
    await client.call('identity', 'POST', '/keys/rotation', 'faults-rotation', { token: operator });
    await unmountDocuments();
    await restartBroker('second');
    await sleep(TAIL_SECONDS * 1_000);
    loading = false;
    await load;
    await Promise.all(running);
    note(`load stopped: ${cases.length} cases, ${journeys.length} journeys`);

    // -- afterwards: final states and counts
    const db = new Client({ connectionString: cluster.url });
    await db.connect();
    try {
      const keys = cases.map((c) => `case-${SEED}-${c.n}`);
      const journeyDestinations = [
        ...applicants.flatMap((a) => [a.phone, a.email]),
        ...journeys.flatMap((j) => (j.phone ? [j.phone] : [])),
      ];
      const finalState = async () => {
        const { rows: instances } = await db.query(
          `SELECT business_key, state FROM workflow.instances WHERE business_key = ANY($1)`,
          [keys],
        );
        const { rows: messages } = await db.query(
          `SELECT destination, status, detail FROM messaging.messages WHERE destination = ANY($1)`,
          [cases.map((c) => c.destination)],
        );
        const probes: Record<string, number> = {};
        for (const block of BLOCKS) {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n, count(DISTINCT probe_id)::int AS d FROM ${block}.probe_receipts WHERE probe_id = ANY($1::uuid[])`,
            [cases.filter((c) => c.probeId).map((c) => c.probeId)],
          );
          probes[block] = rows[0].n;
        }
        // The journeys' people: every message to them (sign-in codes, receipts, status changes, answers).
        const { rows: toPeople } = await db.query(
          `SELECT destination, status, detail FROM messaging.messages WHERE destination = ANY($1)`,
          [journeyDestinations],
        );
        const { rows: applications } = await db.query(
          `SELECT a.status, (r.application_id IS NOT NULL) AS rated FROM registration.applications a
             LEFT JOIN feedback.ratings r ON r.application_id = a.id WHERE a.id = ANY($1::uuid[])`,
          [journeys.filter((j) => j.kind === 'one-door application' && j.ref).map((j) => j.ref)],
        );
        const { rows: complaints } = await db.query(`SELECT state FROM feedback.cases WHERE number = ANY($1)`, [
          journeys.filter((j) => j.kind === 'hotline complaint' && j.ref).map((j) => j.ref),
        ]);
        return { instances, messages, probes, toPeople, applications, complaints };
      };
      const settled = await waitFor(
        'every case to reach its final state',
        async () => {
          const state = await finalState();
          const done =
            state.instances.filter((r) => r.state === 'completed').length === cases.length &&
            state.messages.filter((m) => ['Sent', 'Delivered', 'Errored'].includes(m.status)).length === cases.length &&
            Object.values(state.probes).every((n) => n === cases.length) &&
            state.toPeople.every((m) => ['Sent', 'Delivered', 'Errored'].includes(m.status));
          return done ? state : undefined;
        },
        300_000,
      ).catch(async (error: Error) => {
        process.stdout.write(`${error.message}\n${JSON.stringify(summary(await finalState()), null, 1)}\n`);
        throw error;
      });

      // Every committed event consumed by each block that consumes its type, once in effect (the inbox); and
      // nothing left unpublished. Asked until true for a minute: the last cases' events may still be on their way.
      const delivery = async () => {
        const lost: string[] = [];
        const unpublished: Record<string, number> = {};
        for (const definition of ALL_BLOCKS) {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM ${definition.name}.outbox WHERE published_at IS NULL`,
          );
          unpublished[definition.name] = rows[0].n;
        }
        for (const consumer of ALL_BLOCKS) {
          const types = [...consumer.consumes.map((c) => c.type), ProbeSent.type];
          for (const producer of ALL_BLOCKS) {
            const { rows } = await db.query(
              `SELECT o.event_type, count(*)::int AS n FROM ${producer.name}.outbox o
                WHERE o.event_type = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM ${consumer.name}.inbox i
                                   WHERE i.consumer_group = $2 AND i.event_id = o.event_id::text)
                GROUP BY o.event_type`,
              [types, `onedoor.${consumer.name}`],
            );
            for (const row of rows) lost.push(`${producer.name} → ${consumer.name}: ${row.n} × ${row.event_type}`);
          }
        }
        return { lost, unpublished };
      };
      let { lost, unpublished } = await delivery();
      await waitFor(
        'every event consumed',
        async () => {
          ({ lost, unpublished } = await delivery());
          return lost.length === 0 && Object.values(unpublished).every((n) => n === 0);
        },
        60_000,
      ).catch(() => undefined); // reported below
      const after = await deadLetters();
      const deadLettered = Object.fromEntries(groups.map((g) => [g, after[g] - (deadLettersBefore[g] ?? 0)]));

      // Notifications: what reached the doubles, per destination.
      const mails = await Promise.all(smtp.mails.map(readMail));
      const mailsTo = new Map<string, number>();
      for (const mail of mails) for (const to of mail.to) mailsTo.set(to, (mailsTo.get(to) ?? 0) + 1);
      const smsTo = new Map<string, number>();
      for (const { to } of sms.delivered.values()) smsTo.set(to, (smsTo.get(to) ?? 0) + 1);
      const received = (destination: string) =>
        destination.includes('@') ? (mailsTo.get(destination) ?? 0) : (smsTo.get(destination) ?? 0);
      // Per destination: received no more often than messages were handed over (Sent, or in doubt), and no less
      // often than they were Sent.
      const perDestination = new Map<string, { sent: number; inDoubt: number }>();
      for (const m of [...settled.messages, ...settled.toPeople]) {
        const seen = perDestination.get(m.destination) ?? { sent: 0, inDoubt: 0 };
        if (['Sent', 'Delivered'].includes(m.status)) seen.sent++;
        if (m.status === 'Errored' && String(m.detail).includes('in doubt')) seen.inDoubt++;
        perDestination.set(m.destination, seen);
      }
      const twice = [...perDestination]
        .filter(([destination, m]) => received(destination) > m.sent + m.inDoubt)
        .map(([destination, m]) => `${destination}: received ${received(destination)}, sent ${m.sent}`);
      const sentNotReceived = [...perDestination]
        .filter(([destination, m]) => received(destination) < m.sent)
        .map(([destination, m]) => `${destination}: received ${received(destination)}, sent ${m.sent}`);

      const counts = {
        seed: SEED,
        cases: cases.length,
        failedCases: cases.filter((c) => c.error).map((c) => `${c.n}: ${c.error}`),
        journeys: count(journeys, (j) => j.kind),
        failedJourneys: journeys.filter((j) => j.error).map((j) => `${j.kind} ${j.n}: ${j.error}`),
        applications: count(settled.applications, (a) => `${a.status}${a.rated ? ', rated' : ''}`),
        complaints: count(settled.complaints, (c) => c.state),
        messagesToJourneyPeople: count(settled.toPeople, (m) => m.status),
        ...summary(settled),
        notificationsReceivedTwice: twice.length,
        sentButNotReceived: sentNotReceived.length,
        eventsLost: lost,
        outboxUnpublished: unpublished,
        deadLettered,
        // A process that ended by itself (not one the test killed): a block must survive what the test does.
        processesThatExited: replicas
          .filter((r) => r.process?.child.exitCode !== null)
          .map((r) => `${r.name} (exit ${r.process?.child.exitCode})`),
        httpStatuses: Object.fromEntries([...statuses].sort()),
        violations,
        timeline: log,
      };
      process.stdout.write(`fault test counts:\n${JSON.stringify(counts, null, 1)}\n`);

      expect(counts.failedCases).toEqual([]);
      expect(counts.failedJourneys).toEqual([]);
      expect(counts.processesThatExited).toEqual([]);
      // Every journey at its final state: approved and rated; closed with its answer published.
      const applied = journeys.filter((j) => j.kind === 'one-door application').length;
      expect(counts.applications).toEqual({ 'APPROVED, rated': applied });
      expect(counts.complaints).toEqual({ CLOSED: journeys.length - applied });
      expect(violations).toEqual([]);
      expect(twice).toEqual([]);
      expect(sentNotReceived).toEqual([]);
      expect(lost).toEqual([]);
      expect(Object.values(unpublished).every((n) => n === 0)).toBe(true);
      // Nothing dead-lettered: no event failed for good on the way.
      expect(Object.values(deadLettered).every((n) => n === 0)).toBe(true);
      // One record per case: no retried request made a second one.
      expect(settled.instances).toHaveLength(cases.length);
      expect(settled.messages).toHaveLength(cases.length);
      // A message is Errored only when its hand-over was in doubt (never sent twice rather than perhaps twice).
      expect(settled.messages.filter((m) => m.status === 'Errored' && !String(m.detail).includes('in doubt'))).toEqual(
        [],
      );
      expect([...statuses.keys()].filter((s) => s.startsWith('5') && s !== '503')).toEqual([]);
    } finally {
      await db.end();
    }
  }
});

const count = <T>(items: T[], by: (item: T) => string) =>
  items.reduce<Record<string, number>>((out, item) => ((out[by(item)] = (out[by(item)] ?? 0) + 1), out), {});

function summary(state: {
  instances: { state: string }[];
  messages: { status: string; detail: string | null }[];
  probes: Record<string, number>;
}) {
  return {
    instances: count(state.instances, (r) => r.state),
    messages: count(state.messages, (m) =>
      m.status === 'Errored' && String(m.detail).includes('in doubt') ? 'Errored in doubt' : m.status,
    ),
    probesReceivedPerBlock: state.probes,
  };
}
