import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { api } from '@onedoor/testing';
import { Open311Client } from './open311-client';
import { OPERATOR, startJourneyPlatform, type JourneyPlatform } from './journeys/platform';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

/** The journeys' seed (what docker-compose's `seed` service runs) against a running platform, twice. */
describe('the journeys’ seed data', () => {
  let platform: JourneyPlatform;
  let dir: string;

  beforeAll(async () => {
    platform = await startJourneyPlatform('embedded');
    dir = mkdtempSync(path.join(tmpdir(), 'onedoor-seed-'));
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const seed = () =>
    run(
      process.execPath,
      [
        'dist/services/platform/src/seed/main.js',
        '--url',
        platform.urls.identity.replace(/\/identity$/, ''),
        '--out',
        path.join(dir, 'seed.json'),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          IDENTITY_OPERATOR_CLIENT_ID: OPERATOR.id,
          IDENTITY_OPERATOR_CLIENT_SECRET: OPERATOR.secret,
        },
        timeout: 120_000,
      },
    );

  it('puts both journeys’ offices, service, clients, officers, citizen and Open311 key in place; again changes nothing', async () => {
    const first = await seed();
    expect(first.stdout).toContain('seed: done');
    const output = JSON.parse(readFileSync(path.join(dir, 'seed.json'), 'utf8')) as {
      clients: Record<string, string>;
      activationCodes: Record<string, string>;
      open311Key: string;
      citizenUin: string;
    };
    expect(statSync(path.join(dir, 'seed.json')).mode & 0o777).toBe(0o600);
    expect(Object.keys(output.clients).sort()).toEqual(['civil-service-hr', 'moic-service-desk', 'pmo-hotline-desk']);
    expect(Object.keys(output.activationCodes).sort()).toEqual([
      'MOIC-000201',
      'MOIC-000301',
      'MOIC-000401',
      'MPWT-000777',
      'PMO-001516',
    ]);
    expect(output.citizenUin).toMatch(/^\d{10}$/);

    // What a citizen and a civic app find: the service in the catalogue, the key accepted.
    const service = await api(`${platform.urls.registration}/services/import-licence`);
    expect(service.json).toMatchObject({ code: 'import-licence', names: { lo: 'ໃບອະນຸຍາດນຳເຂົ້າ' } });
    const open311 = await Open311Client.discover(`${platform.urls.feedback}/open311/discovery.xml`);
    const created = await open311.create('json', {
      api_key: output.open311Key,
      service_code: 'water-supply',
      address_id: '0101',
      description: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 2 ມື້ແລ້ວ',
    });
    expect(created.status).toBe(200);
    // An officer's activation code opens the way to their account: a code is mailed to them.
    const proof = await api(`${platform.urls.identity}/civil-servants/activation/proof`, {
      method: 'POST',
      body: { employeeNumber: 'MOIC-000201', activationCode: output.activationCodes['MOIC-000201'] },
    });
    expect(proof.json).toMatchObject({ channel: 'email' });
    await platform.mailTo('moic-000201@example.gov.la', (m) => /\b\d{6}\b/.test(m.text), 'the activation code');

    // Again: nothing new, nothing refused, the same secrets.
    const again = await seed();
    expect(again.stdout).toContain('seed: done');
    expect(JSON.parse(readFileSync(path.join(dir, 'seed.json'), 'utf8'))).toEqual(output);
    const offices = await api(`${platform.urls.identity}/organisations?parent=MOIC`);
    expect(JSON.stringify(offices.json)).toContain('MOIC-VTE-D01');
  }, 240_000);
});
