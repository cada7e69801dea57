import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startProcess, waitFor, type RunningProcess } from '@onedoor/testing';
import { guideSteps, runGuide } from './guide-runner';

const guide = (file: string) => readFileSync(path.join(__dirname, '../../..', file), 'utf8');
const OPERATOR = { id: 'guides-operator', secret: 'guides-operator-secret-0123456789abcdef' };

/**
 * The guides' requests, in each guide's order, against the platform as `npm start` starts it, with an SMS gateway
 * on loopback that keeps what it is asked to send (the codes people receive on their phones).
 */
describe("the guides' examples", () => {
  let platform: RunningProcess;
  let dataDir: string;
  let gateway: http.Server;
  const texts: { to: string; text: string }[] = [];

  beforeAll(async () => {
    gateway = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        texts.push(JSON.parse(body) as { to: string; text: string });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: `sms-${texts.length}` }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    dataDir = mkdtempSync(path.join(tmpdir(), 'onedoor-guides-'));
    const port = await freePort();
    platform = await startProcess(
      'dist/services/platform/src/main.js',
      {
        PORT: String(port),
        ONEDOOR_DATA_DIR: dataDir,
        KAFKA_BROKERS: '',
        DATABASE_URL: '',
        AUTH_JWKS: '',
        AUTH_JWKS_URL: '',
        IDENTITY_OPERATOR_CLIENT_ID: OPERATOR.id,
        IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR.secret,
        MESSAGING_SMS_GATEWAYS: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
      },
      `http://127.0.0.1:${port}/feedback/health/ready`,
    );
    process.env.GUIDES_BASE_URL = `http://127.0.0.1:${port}`;
  }, 120_000);

  afterAll(async () => {
    await platform?.kill();
    await new Promise((resolve) => gateway?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (file: string) =>
    runGuide(guideSteps(guide(file)), {
      baseUrl: process.env.GUIDES_BASE_URL!,
      values: { operatorClientId: OPERATOR.id, operatorClientSecret: OPERATOR.secret },
      sms: (phone) =>
        // The latest SMS to the phone that carries a code (a welcome message may arrive after it).
        waitFor(`an SMS with a code to ${phone}`, async () =>
          texts
            .filter((t) => t.to === phone)
            .map((t) => /\b(\d{6})\b/.exec(t.text)?.[1])
            .filter(Boolean)
            .at(-1),
        ),
    });

  it.each([
    ["the platform team's first day", 'docs/guides/first-day.md', 16],
    ['a one-door application (registration guide)', 'docs/blocks/registration.md', 13],
    ['an event mapping (workflow guide)', 'docs/blocks/workflow.md', 4],
  ])(
    '%s: every request answers as %s says',
    async (_title, file, requests) => {
      expect(guideSteps(guide(file))).toHaveLength(requests);
      await run(file);
    },
    120_000,
  );
});
