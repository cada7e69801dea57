/**
 * The one-door journey through the five blocks, measured on this machine (`npm run bench -- journey`): the five
 * blocks as their own processes on the benchmark's broker and one PostgreSQL database (distributed mode),
 * applications submitted at a steady rate (an open loop) by enrolled citizens, each going through submission
 * (registration), the start of its process and its routing to an office, the first task (workflow, back into
 * registration's task list), and the citizen's first notification (messaging, to an SMS gateway double on
 * loopback, which stamps each message's arrival). The feedback block and the information mediator consume the
 * same events.
 *
 * Reported per rate: p50 and p99 from submission to the first SMS, and to the first task; the highest rate whose
 * p99 to the first SMS stays under 1 s with every notification arrived; and, beside it, what each block got through
 * in the heaviest step of the same run (submissions answered, first tasks made, notifications handed to the
 * gateway, each per second): the journey's ceiling is its slowest block.
 *
 * Target (2-core machine): the ceiling at least 0.8 of the slowest block's figure, p99 to the first notification
 * under 1 s. Sizes: BENCH_JOURNEY_RATES (applications per second, comma-separated; default 5,10,20,40,80),
 * BENCH_JOURNEY_SECONDS (each step; default 10), BENCH_JOURNEY_CITIZENS (default 200).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDevelopmentAuthority } from '@onedoor/auth';
import { newSealingKeyPair } from '@onedoor/backbone';
import { BLOCKS } from '@onedoor/contracts';
import { createScratchDatabase } from '@onedoor/persistence';
import { startSmsGateway } from '@onedoor/testing';
import { SERVICE } from './registration-submissions';
import {
  benchBrokers,
  percentile,
  runBench,
  send,
  sleep,
  spawnServer,
  writeResults,
  type Answer,
  type BenchRecord,
} from './support';

const RATES = (process.env.BENCH_JOURNEY_RATES ?? '5,10,20,40,80').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_JOURNEY_SECONDS ?? 10);
const CITIZENS = Number(process.env.BENCH_JOURNEY_CITIZENS ?? 200);
/** How long after a step's last submission its notifications may still arrive before they count as lost. */
const GRACE_MS = 30_000;
const PORTS: Record<string, number> = {
  identity: 3951,
  registration: 3952,
  messaging: 3953,
  workflow: 3954,
  feedback: 3955,
  mediator: 3956,
};

async function main() {
  const db = await createScratchDatabase('onedoor_bench_journey');
  const authority = await createDevelopmentAuthority();
  const gateway = await startSmsGateway();
  const sealing = newSealingKeyPair();
  const url = (block: string) => `http://127.0.0.1:${PORTS[block]}/${block}`;
  const env: Record<string, string> = {
    KAFKA_BROKERS: benchBrokers().join(','),
    DATABASE_URL: db.url,
    AUTH_JWKS: JSON.stringify(authority.jwks),
    ONEDOOR_DATA_DIR: 'memory',
    MESSAGING_SEALING_KEY: JSON.stringify(sealing.privateKey),
    IDENTITY_SEALING_PUBLIC_KEY: JSON.stringify(sealing.publicKey),
    FEEDBACK_SEALING_PUBLIC_KEY: JSON.stringify(sealing.publicKey),
    MESSAGING_SMS_GATEWAYS: gateway.url,
    MESSAGING_SMS_GATEWAY_TOKEN: 'bench',
    // The gateway double takes what it is given: the platform is measured, not a provider's contract.
    MESSAGING_PROVIDER_RATE: '100000',
    REGISTRATION_WORKFLOW_URL: url('workflow'),
    ...Object.fromEntries(BLOCKS.map((block) => [`${block.toUpperCase()}_PORT`, String(PORTS[block])])),
  };
  const servers: { stop(): Promise<void> }[] = [];
  const records: BenchRecord[] = [];
  try {
    // The identity block first: the others learn the register's organisations and people from its events.
    servers.push(await spawnServer('dist/services/identity/src/main.js', env, `${url('identity')}/health/ready`));
    servers.push(
      ...(await Promise.all(
        BLOCKS.filter((b) => b !== 'identity').map((block) =>
          spawnServer(`dist/services/${block}/src/main.js`, env, `${url(block)}/health/ready`),
        ),
      )),
    );
    const token = (roles: string[], scope: object = {}) =>
      authority.sign({ sub: `bench-${roles[0]}`, roles, ...scope });
    const call = async (method: string, target: string, bearer: string, body?: unknown): Promise<Answer> =>
      send(target, {
        method,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const must = async (what: string, answer: Promise<Answer>) => {
      const got = await answer;
      if (!got.ok) throw new Error(`${what}: ${got.status} ${got.body.slice(0, 300)}`);
      return got;
    };

    console.log(`setting up: the service, its process and routing, ${CITIZENS} enrolled citizens…`);
    const operator = await token(['platform.operator']);
    await must(
      'the office',
      call('PUT', `${url('identity')}/organisations/${SERVICE.unit}`, operator, {
        kind: 'department',
        parentCode: 'MOIC',
        nameLo: 'ກົມທະບຽນວິສາຫະກິດ',
        nameEn: 'Department of Enterprise Registration',
      }),
    );
    const workflowAdmin = await token(['workflow.admin']);
    const bpmn = readFileSync(
      path.resolve(__dirname, '../../services/workflow/examples/business-licence.bpmn'),
      'utf8',
    );
    await must('the process', call('POST', `${url('workflow')}/processes`, workflowAdmin, { bpmn }));
    await must(
      'the routing rule',
      call('PUT', `${url('workflow')}/routing-rules/bench-licence`, workflowAdmin, {
        category: 'business-licence',
        unit: SERVICE.unit,
      }),
    );
    const admin = await token(['registration.admin'], { ministry: 'MOIC' });
    for (let attempt = 0; ; attempt++) {
      const published = await call('POST', `${url('registration')}/services`, admin, SERVICE);
      if (published.ok) break;
      // The registration block learns the process and the office from the other blocks' events.
      if (attempt > 150) throw new Error(`publishing the service: ${published.status} ${published.body}`);
      await sleep(200);
    }
    const registrar = await token(['identity.registrar']);
    const citizens: { token: string; phone: string }[] = [];
    for (let i = 0; i < CITIZENS; i++) {
      const phone = `+856205${String(5_000_000 + i).padStart(7, '0')}`;
      const person = await must(
        'an enrolment',
        call('POST', `${url('identity')}/persons`, registrar, {
          givenNameLo: 'ສົມພອນ',
          familyNameLo: 'ວົງສາ',
          // One person each: a name and birth date the register has not seen (else a likely duplicate).
          dateOfBirth: new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
          sex: 'F',
          address: { provinceCode: '01', districtCode: '0101' },
          phone,
          preferredLanguage: 'lo',
        }),
      );
      const personId = person.json<{ id: string }>().id;
      citizens.push({ token: await authority.sign({ sub: personId, roles: ['citizen'] }), phone });
    }
    for (const [table, what] of [
      ['registration.persons', 'registration'],
      ['messaging.recipients', 'messaging'],
    ]) {
      for (let waited = 0; ; waited += 200) {
        const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
        if (n >= CITIZENS) break;
        if (waited > 60_000) throw new Error(`${what} knows ${n} of ${CITIZENS} citizens`);
        await sleep(200);
      }
    }
    // The welcome messages of the enrolments are not the journey's: the steps count from here.
    await sleep(2_000);

    let ceiling = 0;
    let heaviest: { registration: number; workflow: number; messaging: number } | undefined;
    for (const rate of RATES) {
      const count = Math.round(rate * SECONDS);
      const sent = new Map<string, number>();
      const failures: string[] = [];
      const started = Date.now();
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < count; i++) {
        const due = started + (i * 1_000) / rate;
        if (due > Date.now()) await sleep(due - Date.now());
        const citizen = citizens[i % citizens.length];
        const at = Date.now();
        inFlight.push(
          call('POST', `${url('registration')}/services/business-licence/applications`, citizen.token, {
            formData: {
              data: { businessName: `ຮ້ານ ${rate}-${i}`, capital: 5_000_000, province: '01', district: '0101' },
            },
          }).then(
            (answer) => {
              if (answer.ok) sent.set(answer.json<{ trackingCode: string }>().trackingCode, at);
              else failures.push(`${answer.status}`);
            },
            (error: Error) => void failures.push(error.message),
          ),
        );
      }
      await Promise.all(inFlight);
      const sendingSeconds = (Date.now() - started) / 1_000;
      // The first SMS naming each application's tracking code.
      const arrivals = new Map<string, number>();
      const deadline = Date.now() + GRACE_MS;
      while (arrivals.size < sent.size && Date.now() < deadline) {
        for (const message of gateway.delivered.values()) {
          // A tracking code: two groups of four and a check character (a letter, a digit, or a sign).
          const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-./.exec(message.text)?.[0];
          if (code && sent.has(code) && !arrivals.has(code)) arrivals.set(code, message.at);
        }
        if (arrivals.size < sent.size) await sleep(100);
      }
      const toSms = [...arrivals].map(([code, at]) => at - sent.get(code)!).sort((a, b) => a - b);
      const tasks = await db.query<{ code: string; at: Date }>(
        `SELECT a.tracking_code AS code, min(t.created_at) AS at FROM registration.tasks t
           JOIN registration.applications a ON a.id = t.application_id
          WHERE a.tracking_code = ANY($1::text[]) GROUP BY a.tracking_code`,
        [[...sent.keys()]],
      );
      const toTask = tasks.map((t) => new Date(t.at).getTime() - sent.get(t.code)!).sort((a, b) => a - b);
      // Where the time goes: each stage's median, in ms after the submission was sent.
      const stages = await db.query<Record<string, string | Date | null>>(
        `SELECT a.tracking_code AS code, a.created_at AS "application written",
                (SELECT min(o.published_at) FROM registration.outbox o
                  WHERE o.payload->>'applicationId' = a.id::text) AS "its events on Kafka",
                (SELECT min(i.started_at) FROM workflow.instances i WHERE i.business_key = a.id::text) AS "process started",
                (SELECT min(t.created_at) FROM workflow.tasks t WHERE t.business_key = a.id::text) AS "workflow task",
                (SELECT min(t.created_at) FROM registration.tasks t WHERE t.application_id = a.id) AS "task in registration",
                (SELECT min(m.created_at) FROM messaging.messages m WHERE m.correlation_id = a.id::text) AS "message made"
           FROM registration.applications a WHERE a.tracking_code = ANY($1::text[])`,
        [[...sent.keys()]],
      );
      const breakdown = Object.keys(stages[0] ?? {})
        .filter((k) => k !== 'code')
        .map((stage) => {
          const times = stages
            .filter((row) => row[stage])
            .map((row) => new Date(row[stage] as Date).getTime() - sent.get(row.code as string)!)
            .sort((a, b) => a - b);
          return `${stage} ${percentile(times, 50)?.toFixed(0)}`;
        });
      // What became of the notifications that did not arrive: their messages' states.
      const missing = [...sent.keys()].filter((code) => !arrivals.has(code));
      const states = missing.length
        ? await db.query<{ state: string; n: number }>(
            `SELECT coalesce(m.status || ' ' || m.template_key, 'no message') AS state, count(*)::int AS n
               FROM registration.applications a
               LEFT JOIN messaging.messages m ON m.correlation_id = a.id::text
              WHERE a.tracking_code = ANY($1::text[]) GROUP BY 1`,
            [missing],
          )
        : [];
      const spanSeconds = (times: number[]) => Math.max(1, Math.max(...times) - started) / 1_000;
      const lost = sent.size - arrivals.size;
      const p99 = toSms.length ? percentile(toSms, 99) : Infinity;
      const sustained = lost === 0 && failures.length === 0 && p99 < 1_000;
      heaviest = {
        registration: sent.size / sendingSeconds,
        workflow: tasks.length / spanSeconds(tasks.map((t) => new Date(t.at).getTime())),
        messaging: arrivals.size / spanSeconds([...arrivals.values()]),
      };
      console.log(
        `  ${rate}/s for ${SECONDS} s: ${sent.size} submitted (${failures.length} refused), first SMS p50 ${percentile(toSms, 50)?.toFixed(0)} ms p99 ${p99.toFixed(0)} ms (${lost} not arrived), first task p50 ${percentile(toTask, 50)?.toFixed(0)} ms p99 ${percentile(toTask, 99)?.toFixed(0)} ms; ` +
          `registration ${heaviest.registration.toFixed(0)}/s, workflow ${heaviest.workflow.toFixed(0)} tasks/s, messaging ${heaviest.messaging.toFixed(0)} SMS/s${sustained ? '' : ' — not sustained'}\n` +
          `    medians (ms after sending): ${breakdown.join(', ')}, SMS at the gateway ${percentile(toSms, 50)?.toFixed(0)}` +
          (states.length ? `\n    not arrived: ${states.map((r) => `${r.n} ${r.state}`).join(', ')}` : ''),
      );
      records.push(
        {
          benchmark: `journey-${rate}`,
          metric: 'first_notification_p50_ms',
          value: percentile(toSms, 50) ?? 0,
          unit: 'ms',
        },
        { benchmark: `journey-${rate}`, metric: 'first_notification_p99_ms', value: p99, unit: 'ms' },
        { benchmark: `journey-${rate}`, metric: 'first_task_p99_ms', value: percentile(toTask, 99) ?? 0, unit: 'ms' },
        { benchmark: `journey-${rate}`, metric: 'notifications_not_arrived', value: lost, unit: 'count' },
      );
      if (!sustained) break;
      ceiling = rate;
      await sleep(3_000);
    }
    const slowest = Math.min(heaviest!.registration, heaviest!.workflow, heaviest!.messaging);
    const slowestBlock = Object.entries(heaviest!).find(([, value]) => value === slowest)![0];
    console.log(
      `  journey ceiling (p99 to the first SMS under 1 s): ${ceiling}/s; slowest block in the heaviest step: ${slowestBlock} ${slowest.toFixed(0)}/s; ratio ${(ceiling / slowest).toFixed(2)} (target 0.8)`,
    );
    records.push(
      {
        benchmark: 'journey',
        metric: 'sustained_applications_per_second',
        value: ceiling,
        unit: 'applications/s',
        baseline: slowest,
        ratio: ceiling / slowest,
      },
      ...Object.entries(heaviest!).map(([block, value]) => ({
        benchmark: 'journey',
        metric: `${block}_per_second_in_heaviest_step`,
        value,
        unit: '1/s',
      })),
    );
    writeResults('journey', records);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await gateway.close();
    await db.drop();
  }
}

runBench(main);
