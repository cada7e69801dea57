import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startProcess, waitFor, type RunningProcess } from '@onedoor/testing';
import { guideSteps, runGuide } from './guide-runner';

const GUIDE = path.join(__dirname, '../../../docs/guides/first-day.md');
const OPERATOR = { id: 'first-day-operator', secret: 'first-day-operator-secret-0123456789abcdef' };

/**
 * The platform team's first-day guide, request by request, against the platform as `npm start` starts it, with an
 * SMS gateway on loopback that keeps what it is asked to send (the codes people receive on their phones).
 */
describe('the platform team’s first day (docs/guides/first-day.md)', () => {
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
    dataDir = mkdtempSync(path.join(tmpdir(), 'onedoor-first-day-'));
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
    process.env.FIRST_DAY_BASE_URL = `http://127.0.0.1:${port}`;
  }, 120_000);

  afterAll(async () => {
    await platform?.kill();
    await new Promise((resolve) => gateway?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every request of the guide answers as the guide says', async () => {
    const steps = guideSteps(readFileSync(GUIDE, 'utf8'));
    expect(steps.length).toBeGreaterThanOrEqual(10);
    await runGuide(steps, {
      baseUrl: process.env.FIRST_DAY_BASE_URL!,
      values: { operatorClientId: OPERATOR.id, operatorClientSecret: OPERATOR.secret },
      sms: (phone) =>
        waitFor(`an SMS to ${phone}`, async () => {
          const last = texts.filter((t) => t.to === phone).at(-1);
          return last ? /\b(\d{6})\b/.exec(last.text)?.[1] : undefined;
        }),
    });
  }, 120_000);
});
