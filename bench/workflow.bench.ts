/**
 * The workflow block, measured on this machine (`npm run bench`):
 *
 * 1. Instances per second started from events (`workflow.start.requested` on Kafka) and run through three
 *    automated steps (a status, a routing decision, a status) to completion, each step persisted with its
 *    events; p50 and p99 from the event written to the instance completed. Baseline in the same run: the same
 *    process run by bpmn-elements alone in this process, with nothing persisted (the engine's own ceiling).
 * 2. Timer accuracy: 10,000 instances wait on persisted timers due over BENCH_TIMER_WINDOW_S seconds; how late
 *    each fires (its instance completed after the due time), p50, p99 and max.
 *
 * Targets (2-core machine): at least 500 instances/s, and every timer within one second of its due time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { blockEventSource } from '@onedoor/backbone';
import { WorkflowStartRequested, type StartRequestedPayload } from '@onedoor/contracts';
import { compileDefinition, runStep } from '@onedoor/workflow';
import { benchBrokers, percentile, runBench, send, sleep, startBlock, writeResults, type BenchRecord } from './support';

const brokers = benchBrokers();
const COUNT = Number(process.env.BENCH_INSTANCES ?? 5_000);
const TIMERS = Number(process.env.BENCH_TIMERS ?? 10_000);
const TIMER_WINDOW_S = Number(process.env.BENCH_TIMER_WINDOW_S ?? 60);
const example = (name: string) =>
  readFileSync(path.resolve(__dirname, '../../services/workflow/examples', name), 'utf8');

async function main() {
  const records: BenchRecord[] = [];
  const workflow = await startBlock('workflow', 3904);
  const { db, authority, base } = workflow;
  const admin = await authority.sign({ sub: 'bench', roles: ['workflow.admin'] });
  const call = async (method: string, url: string, body: unknown) => {
    const response = await send(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${response.body}`);
  };
  await call('POST', '/processes', { bpmn: example('three-steps.bpmn') });
  await call('POST', '/processes', { bpmn: example('wait-until.bpmn') });
  await call('PUT', '/routing-rules/bench', { category: 'bench', unit: 'MOIC' });

  const source = await blockEventSource(db.url, brokers, 'registration', {
    schema: 'bench_start_requests',
    relay: { batchSize: 1_000, idlePollMs: 5 },
  });
  const ended = async (prefix: string) => {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM workflow.instances WHERE business_key LIKE $1 AND state <> 'running'`,
      [`${prefix}%`],
    );
    return row.n as number;
  };
  const request = (key: string, processKey: string, variables: Record<string, unknown>): StartRequestedPayload => ({
    processKey,
    businessKey: key,
    requestedBy: 'bench',
    variables,
  });
  const publish = (payloads: StartRequestedPayload[]) => source.publishMany(WorkflowStartRequested, payloads);
  try {
    // Warm-up: 300 instances through the whole path.
    await publish(Array.from({ length: 300 }, (_, i) => request(`warm-${i}`, 'three-steps', { category: 'bench' })));
    while ((await ended('warm-')) < 300) await sleep(100);

    console.log(`instances: ${COUNT} start requests → three automated steps → completed…`);
    const written = new Map<string, number>();
    const startedAt = Date.now();
    for (let i = 0; i < COUNT; i += 500) {
      const chunk = Array.from({ length: Math.min(500, COUNT - i) }, (_, j) =>
        request(`run-${i + j}`, 'three-steps', { category: 'bench' }),
      );
      await publish(chunk);
      const at = Date.now();
      chunk.forEach((p) => written.set(p.businessKey, at));
    }
    const deadline = Date.now() + 600_000;
    while ((await ended('run-')) < COUNT && Date.now() < deadline) await sleep(200);
    const rows: { key: string; ended: Date; state: string }[] = await db.query(
      `SELECT business_key AS key, ended_at AS ended, state FROM workflow.instances WHERE business_key LIKE 'run-%'`,
    );
    if (rows.length < COUNT || rows.some((r) => r.state !== 'completed')) {
      throw new Error(`${rows.filter((r) => r.state === 'completed').length} of ${COUNT} instances completed`);
    }
    const lastEnd = Math.max(...rows.map((r) => new Date(r.ended).getTime()));
    const ours = COUNT / ((lastEnd - startedAt) / 1_000);
    const latencies = rows.map((r) => new Date(r.ended).getTime() - written.get(r.key)!).sort((a, b) => a - b);
    const [{ events }] = await db.query<{ events: number }>(`SELECT count(*)::int AS events FROM workflow.outbox`);

    // Baseline: bpmn-elements alone, same process, same number of instances, nothing persisted.
    const compiled = await compileDefinition(example('three-steps.bpmn'));
    const route = async () => ({ unit: 'MOIC', ruleId: 'bench' });
    for (let i = 0; i < 200; i++)
      await runStep(compiled, null, { kind: 'start', variables: { category: 'bench' } }, route);
    const engineStart = performance.now();
    for (let i = 0; i < COUNT; i++)
      await runStep(compiled, null, { kind: 'start', variables: { category: 'bench' } }, route);
    const engineAlone = COUNT / ((performance.now() - engineStart) / 1_000);
    console.log(
      `  workflow: ${ours.toFixed(0)} instances/s (event → 3 steps → completed), p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, ${events} events published; bpmn-elements alone: ${engineAlone.toFixed(0)} instances/s`,
    );
    records.push(
      {
        benchmark: 'workflow-event-to-completed',
        metric: 'instances_per_second',
        value: Math.round(ours),
        unit: 'instances/s',
        baseline: Math.round(engineAlone),
        ratio: +(ours / engineAlone).toFixed(3),
      },
      { benchmark: 'workflow-event-to-completed', metric: 'latency_p50', value: percentile(latencies, 50), unit: 'ms' },
      { benchmark: 'workflow-event-to-completed', metric: 'latency_p99', value: percentile(latencies, 99), unit: 'ms' },
      { benchmark: 'workflow-event-to-completed', metric: 'instances', value: COUNT, unit: 'instances' },
    );

    console.log(`timers: ${TIMERS} instances waiting on timers due over ${TIMER_WINDOW_S} s…`);
    const lead = Math.max(30, Math.ceil(TIMERS / 150));
    const firstDue = Date.now() + lead * 1_000;
    for (let i = 0; i < TIMERS; i += 500) {
      const chunk = Array.from({ length: Math.min(500, TIMERS - i) }, (_, j) =>
        request(`timer-${i + j}`, 'wait-until', {
          fireAt: new Date(firstDue + Math.floor(((i + j) / TIMERS) * TIMER_WINDOW_S * 1_000)).toISOString(),
        }),
      );
      await publish(chunk);
    }
    for (;;) {
      const [{ pending }] = await db.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM workflow.timers WHERE kind = 'bpmn' AND fired_at IS NULL`,
      );
      const [{ started }] = await db.query<{ started: number }>(
        `SELECT count(*)::int AS started FROM workflow.instances WHERE business_key LIKE 'timer-%'`,
      );
      if (started >= TIMERS) {
        console.log(
          `  ${pending} timers pending, ${Math.round((firstDue - Date.now()) / 1_000)} s before the first is due`,
        );
        break;
      }
      if (Date.now() > firstDue)
        throw new Error(`only ${started} of ${TIMERS} timer instances started before the first was due`);
      await sleep(500);
    }
    while ((await ended('timer-')) < TIMERS && Date.now() < firstDue + TIMER_WINDOW_S * 1_000 + 600_000)
      await sleep(500);
    const fired: { late: number }[] = await db.query(
      `SELECT extract(epoch FROM ended_at - (variables->>'fireAt')::timestamptz) * 1000 AS late
         FROM workflow.instances WHERE business_key LIKE 'timer-%' AND state = 'completed'`,
    );
    if (fired.length < TIMERS) throw new Error(`only ${fired.length} of ${TIMERS} timers fired`);
    const lateness = fired.map((f) => Number(f.late)).sort((a, b) => a - b);
    const early = lateness.filter((l) => l < 0).length;
    console.log(
      `  timers: late p50 ${lateness[Math.floor(lateness.length / 2)].toFixed(0)} ms, p99 ${percentile(lateness, 99).toFixed(0)} ms, max ${lateness[lateness.length - 1].toFixed(0)} ms; within 1 s: ${lateness.filter((l) => l <= 1_000).length}/${TIMERS}; early: ${early}`,
    );
    records.push(
      { benchmark: 'workflow-timers', metric: 'late_p50', value: Math.round(percentile(lateness, 50)), unit: 'ms' },
      { benchmark: 'workflow-timers', metric: 'late_p99', value: Math.round(percentile(lateness, 99)), unit: 'ms' },
      {
        benchmark: 'workflow-timers',
        metric: 'late_max',
        value: Math.round(lateness[lateness.length - 1]),
        unit: 'ms',
      },
      {
        benchmark: 'workflow-timers',
        metric: 'within_one_second',
        value: lateness.filter((l) => l <= 1_000).length,
        unit: 'timers',
        baseline: TIMERS,
        ratio: +(lateness.filter((l) => l <= 1_000).length / TIMERS).toFixed(4),
      },
      { benchmark: 'workflow-timers', metric: 'fired_early', value: early, unit: 'timers' },
      { benchmark: 'workflow-timers', metric: 'window', value: TIMER_WINDOW_S, unit: 's' },
    );
    writeResults('workflow', records);
  } finally {
    await source.close();
    await workflow.stop();
  }
}

runBench(main);
