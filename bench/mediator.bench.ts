/**
 * The information mediator, measured on this machine (`npm run bench -- mediator`), its process on the benchmark's
 * broker and a scratch database:
 * 1. Intake: N offered events produced to a block's topic at once; the mediator's consumer logs each once (inbox
 *    row and log row in one transaction, appends serialised in commit order: ADR 0018); events/s from the first
 *    produce to the last row. Baseline: a plain kafkajs consumer reading the same messages from the same topic.
 * 2. PULL at a steady rate: events produced at STEADY_RATE a second; one subscriber pulls and acknowledges each;
 *    latency from the event's production to its pull (p50, p99).
 * 3. PUSH at the same rate: the mediator POSTs each event to a subscriber on this machine; latency from the event's
 *    production to its receipt.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { encodeEnvelope } from '@onedoor/backbone';
import { AdminAreaSaved, type AdminAreaSavedPayload } from '@onedoor/contracts';
import { benchBrokers, percentile, runBench, sleep, startBlock, writeResults, type BenchRecord } from './support';

const brokers = benchBrokers();
const EVENTS = Number(process.env.BENCH_MEDIATOR_EVENTS ?? 20_000);
const STEADY_RATE = Number(process.env.BENCH_MEDIATOR_RATE ?? 200);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 15);
const PORT = 3906;
const TYPE = 'admin-area.saved.v1';
const kafka = new Kafka({ clientId: 'bench-mediator', brokers, logLevel: logLevel.NOTHING });

function message(i: number) {
  const data: AdminAreaSavedPayload = {
    code: String(1_000_000 + (i % 8_999_999)),
    level: 'village',
    parentCode: '0101',
    nameLo: `ບ້ານ ${i}`,
    nameEn: `Ban ${i}`,
    at: new Date().toISOString(),
  };
  const encoded = encodeEnvelope(
    {
      specversion: '1.0',
      id: randomUUID(),
      type: AdminAreaSaved.type,
      source: '/onedoor/identity',
      subject: data.code,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data,
    },
    data.code,
  );
  return { key: encoded.key, value: encoded.value, headers: encoded.headers };
}

async function produce(producer: ReturnType<typeof kafka.producer>, count: number) {
  for (let sent = 0; sent < count; sent += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - sent) }, (_, i) => message(sent + i));
    await producer.send({ topic: AdminAreaSaved.topic, messages: batch });
  }
}

/** A delivery's p50 and p99 latency at the steady rate, and how many of `total` arrived. */
function latencyRecords(delivery: string, arrived: string, latencies: number[], total: number): BenchRecord[] {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = `at ${STEADY_RATE} events/s (produced to ${arrived.split(' ')[0]})`;
  return [
    { benchmark: 'mediator', metric: `${delivery} latency p50 ${at}`, value: percentile(sorted, 50), unit: 'ms' },
    { benchmark: 'mediator', metric: `${delivery} latency p99 ${at}`, value: percentile(sorted, 99), unit: 'ms' },
    {
      benchmark: 'mediator',
      metric: `${delivery} events ${arrived} of ${total}`,
      value: latencies.length,
      unit: 'events',
    },
  ];
}

/** Produces `total` events at STEADY_RATE a second, in tenths of a second. */
async function steady(producer: ReturnType<typeof kafka.producer>, total: number) {
  const tick = 100;
  const perTick = Math.max(1, Math.round((STEADY_RATE * tick) / 1_000));
  for (let sent = 0; sent < total; sent += perTick) {
    const at = performance.now();
    await producer.send({
      topic: AdminAreaSaved.topic,
      messages: Array.from({ length: Math.min(perTick, total - sent) }, (_, i) => message(sent + i)),
    });
    await sleep(Math.max(0, tick - (performance.now() - at)));
  }
}

async function baseline(count: number, since: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-mediator-baseline-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: AdminAreaSaved.topic, fromBeginning: true });
  let seen = 0;
  let last = 0;
  const started = performance.now();
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) if (Number(m.timestamp) >= since) seen += 1;
      last = performance.now();
    },
  });
  while (seen < count) {
    if (performance.now() - started > 300_000) throw new Error(`baseline read ${seen} of ${count}`);
    await sleep(50);
  }
  await consumer.disconnect();
  return count / ((last - started) / 1_000);
}

async function main() {
  const mediator = await startBlock('mediator', PORT, { MEDIATOR_PUSH_WORKERS: '1' });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  const records: BenchRecord[] = [];
  try {
    // 1. Intake.
    const count = async () =>
      (await mediator.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mediator.events`))[0].n;
    const since = Date.now();
    const started = performance.now();
    await produce(producer, EVENTS);
    while ((await count()) < EVENTS) {
      if (performance.now() - started > 600_000) throw new Error(`the mediator logged ${await count()} of ${EVENTS}`);
      await sleep(50);
    }
    const intake = EVENTS / ((performance.now() - started) / 1_000);
    const plain = await baseline(EVENTS, since - 1_000);
    records.push({
      benchmark: 'mediator',
      metric: `intake events/s (${EVENTS} events logged once each)`,
      value: Math.round(intake),
      unit: 'events/s',
      baseline: Math.round(plain),
      ratio: Number((intake / plain).toFixed(3)),
    });

    // 2. PULL at a steady rate: the subscriber granted, then events produced while it pulls and acknowledges.
    const operator = await mediator.authority.sign({ sub: 'bench-operator', roles: ['platform.operator'] });
    const client = await mediator.authority.sign({ sub: 'bench-client', clientId: 'bench-client', roles: [] });
    const room = `${mediator.base}/govstack/r1/LA/GOV/ONEDOOR/identity`;
    const headers = (token: string) => ({
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'x-govstack-client': 'LA/GOV/BENCH/client',
    });
    const granted = await fetch(`${mediator.base}/grants/bench-client/identity/${TYPE}`, {
      method: 'PUT',
      headers: headers(operator),
    });
    if (!granted.ok) throw new Error(`grant: ${granted.status}`);
    const subscribed = await fetch(`${room}/api/v1/subs/${TYPE}`, {
      method: 'POST',
      headers: headers(client),
      body: JSON.stringify({ delivery: 'PULL' }),
    });
    if (!subscribed.ok) throw new Error(`subscribe: ${subscribed.status}`);
    const total = STEADY_RATE * STEADY_SECONDS;
    const latencies: number[] = [];
    const producing = steady(producer, total);
    const deadline = performance.now() + STEADY_SECONDS * 1_000 + 120_000;
    while (latencies.length < total && performance.now() < deadline) {
      const next = await fetch(`${room}/pull/v1/${TYPE}`, { headers: headers(client) });
      if (next.status === 404) {
        await sleep(5);
        continue;
      }
      const item = (await next.json()) as { id: string; time: string };
      latencies.push(Date.now() - new Date(item.time).getTime());
      const acknowledged = await fetch(`${room}/pull/v1/${TYPE}/${item.id}`, {
        method: 'DELETE',
        headers: headers(client),
      });
      if (acknowledged.status !== 204) throw new Error(`acknowledge: ${acknowledged.status}`);
    }
    await producing;
    records.push(...latencyRecords('PULL', 'pulled and acknowledged', latencies, total));
    // 3. PUSH at the same steady rate: the mediator POSTs each event to a subscriber on this machine.
    const pushed: number[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        pushed.push(Date.now() - new Date((JSON.parse(body) as { time: string }).time).getTime());
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const pushClient = await mediator.authority.sign({ sub: 'bench-push', clientId: 'bench-push', roles: [] });
      const pushGrant = await fetch(`${mediator.base}/grants/bench-push/identity/${TYPE}`, {
        method: 'PUT',
        headers: headers(operator),
      });
      if (!pushGrant.ok) throw new Error(`grant: ${pushGrant.status}`);
      const pushUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
      const pushSubscribed = await fetch(`${room}/api/v1/subs/${TYPE}`, {
        method: 'POST',
        headers: headers(pushClient),
        body: JSON.stringify({ delivery: 'PUSH', pushUrl }),
      });
      if (!pushSubscribed.ok) throw new Error(`subscribe: ${pushSubscribed.status}`);
      await steady(producer, total);
      const until = performance.now() + 120_000;
      while (pushed.length < total && performance.now() < until) await sleep(50);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    records.push(...latencyRecords('PUSH', 'received', pushed, total));
    for (const record of records) console.log(JSON.stringify(record));
    writeResults('mediator', records);
  } finally {
    await producer.disconnect();
    await mediator.stop();
  }
}

runBench(main);
