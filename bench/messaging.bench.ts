/**
 * The messaging block, measured on this machine (`npm run bench`): notifications per second from an event on
 * Kafka (one-time code requested, its code and address sealed for the block) to the message handed to an SMTP server started here, and the latency of
 * each (event written → mail received), p50 and p99. Baseline in the same run: nodemailer sending the same
 * number of mails straight to the same server with the same pool. Target (2-core machine): 1,000/s.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { blockEventSource, newSealingKeyPair, Sealer } from '@onedoor/backbone';
import { OneTimeCodeRequested, type OneTimeCodeRequestedPayload } from '@onedoor/contracts';
import { smtpPoolOptions } from '@onedoor/messaging';
import { benchBrokers, percentile, runBench, sleep, startBlock, writeResults, type BenchRecord } from './support';

const brokers = benchBrokers();
const COUNT = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);

async function smtpSink() {
  const received = new Map<number, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const code = /sign-in code is (\d{6})/.exec(raw.replace(/=\r\n/g, ''))?.[1] ?? /X-Bench: (\d+)/.exec(raw)?.[1];
        if (code !== undefined && !received.has(Number(code))) received.set(Number(code), performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function main() {
  const records: BenchRecord[] = [];
  const sink = await smtpSink();
  // The code and address travel sealed for the messaging block (ADR 0013): it opens each event with its key.
  const sealing = newSealingKeyPair();
  const sealer = await Sealer.forKey(sealing.publicKey);
  const messaging = await startBlock('messaging', 3903, {
    MESSAGING_SMTP_URLS: sink.url,
    MESSAGING_PROVIDER_RATE: '100000',
    MESSAGING_SEALING_KEY: JSON.stringify(sealing.privateKey),
  });
  const { db } = messaging;
  const source = await blockEventSource(db.url, brokers, 'identity', {
    schema: 'bench_identity_events',
    relay: { batchSize: 1_000, idlePollMs: 5 },
  });
  try {
    // Sealed before the clock starts: sealing is the identity block's cost, not the messaging block's.
    const payload = async (i: number): Promise<OneTimeCodeRequestedPayload> => ({
      challengeId: randomUUID(),
      personId: randomUUID(),
      purpose: 'sign-in',
      channel: 'email',
      language: 'en',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      sealed: await sealer.seal({ code: String(i).padStart(6, '0'), destination: `person${i}@example.la` }),
    });
    const payloads = await Promise.all(Array.from({ length: COUNT }, (_, i) => payload(i)));
    // Warm-up: 200 notifications through the whole path.
    await source.publishMany(
      OneTimeCodeRequested,
      await Promise.all(Array.from({ length: 200 }, (_, i) => payload(900_000 + i))),
    );
    while ([...sink.received.keys()].filter((k) => k >= 900_000).length < 200) await sleep(50);

    console.log(`notifications: ${COUNT} one-time-code events → email through SMTP…`);
    const written = new Map<number, number>();
    const started = performance.now();
    for (let i = 0; i < COUNT; i += 500) {
      const chunk = payloads.slice(i, i + 500);
      await source.publishMany(OneTimeCodeRequested, chunk);
      const at = performance.now();
      chunk.forEach((_, j) => written.set(i + j, at));
    }
    const deadline = Date.now() + 300_000;
    while ([...written.keys()].some((i) => !sink.received.has(i)) && Date.now() < deadline) await sleep(100);
    const arrivals = [...written.keys()].map((i) => sink.received.get(i)).filter((t): t is number => t !== undefined);
    if (arrivals.length < COUNT) throw new Error(`only ${arrivals.length} of ${COUNT} notifications arrived`);
    const elapsed = (Math.max(...arrivals) - started) / 1_000;
    const ours = COUNT / elapsed;
    const latencies = [...written.entries()].map(([i, at]) => sink.received.get(i)! - at).sort((a, b) => a - b);
    // Where the time goes: messages made from events per second, and handed to SMTP per second.
    const [phases] = await db.query<{ n: number; composing: string; sending: string }>(
      `SELECT count(*)::int AS n,
              extract(epoch FROM max(m.created_at) - min(m.created_at)) AS composing,
              extract(epoch FROM max(h.at) - min(h.at)) AS sending
         FROM messaging.messages m JOIN messaging.message_history h ON h.message_id = m.id AND h.status = 'Sent'
        WHERE m.created_at > now() - interval '10 minutes' AND m.destination NOT LIKE 'person9%'`,
    );
    const composedPerSecond = phases.n / Math.max(Number(phases.composing), 0.001);
    const sentPerSecond = phases.n / Math.max(Number(phases.sending), 0.001);
    console.log(
      `  phases: composed from events ${composedPerSecond.toFixed(0)}/s, handed to SMTP ${sentPerSecond.toFixed(0)}/s`,
    );

    // Baseline: the same number of mails straight to the same server, same pool size.
    const direct = nodemailer.createTransport(smtpPoolOptions(sink.url));
    const baseStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < COUNT) {
          const i = 2_000_000 + next++;
          await direct.sendMail({
            from: 'bench@onedoor.gov.la',
            to: `p${i}@example.la`,
            subject: 'code',
            text: 'x',
            headers: { 'X-Bench': String(i) },
          });
        }
      }),
    );
    while ([...sink.received.keys()].filter((k) => k >= 2_000_000).length < COUNT) await sleep(20);
    const baseline = COUNT / ((performance.now() - baseStart) / 1_000);
    direct.close();
    console.log(
      `  messaging: ${ours.toFixed(0)} notifications/s (event to SMTP), p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; nodemailer straight to SMTP: ${baseline.toFixed(0)} mails/s`,
    );
    records.push(
      {
        benchmark: 'messaging-event-to-smtp',
        metric: 'notifications_per_second',
        value: Math.round(ours),
        unit: 'notifications/s',
        baseline: Math.round(baseline),
        ratio: +(ours / baseline).toFixed(3),
      },
      {
        benchmark: 'messaging-event-to-smtp',
        metric: 'latency_p50',
        value: Math.round(percentile(latencies, 50)),
        unit: 'ms',
      },
      {
        benchmark: 'messaging-event-to-smtp',
        metric: 'latency_p99',
        value: Math.round(percentile(latencies, 99)),
        unit: 'ms',
      },
      { benchmark: 'messaging-event-to-smtp', metric: 'notifications', value: COUNT, unit: 'notifications' },
      {
        benchmark: 'messaging-event-to-smtp',
        metric: 'composed_per_second',
        value: Math.round(composedPerSecond),
        unit: 'messages/s',
      },
      {
        benchmark: 'messaging-event-to-smtp',
        metric: 'sent_per_second',
        value: Math.round(sentPerSecond),
        unit: 'messages/s',
      },
    );
    writeResults('messaging', records);
  } finally {
    await source.close();
    await messaging.stop();
    await sink.close();
  }
}

runBench(main);
