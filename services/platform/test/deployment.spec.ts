/**
 * docker-compose.yml as a deployer runs it, checked without a container engine: every block behind the proxy with
 * a health check and a restart policy, Kafka and PostgreSQL restarted and on their volumes, every secret a compose
 * secret read through its setting's `<NAME>_FILE`, never a value in the file.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BLOCKS } from '@onedoor/contracts';
import { loadSettings, SETTINGS } from '@onedoor/config';

type Service = {
  restart?: string;
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
  secrets?: string[];
  volumes?: string[];
  ports?: string[];
};
const root = join(__dirname, '../../..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
};
const caddyfile = readFileSync(join(root, 'deploy/compose/Caddyfile'), 'utf8');
const secretSettings = Object.entries(SETTINGS)
  .filter(([, setting]) => (setting as { secret?: boolean }).secret)
  .map(([name]) => name);

describe('docker-compose.yml', () => {
  it.each(BLOCKS.map((block) => [block]))(
    'runs %s behind the proxy, restarted, with its readiness as health check',
    (block) => {
      const service = compose.services[block];
      expect(service.restart).toBe('unless-stopped');
      expect(service.healthcheck?.test.join(' ')).toContain(`/${block}/health/ready`);
      expect(service.ports).toBeUndefined(); // reached through the proxy only
      expect(caddyfile).toMatch(new RegExp(`handle /${block}\\* \\{\\s*reverse_proxy ${block}:\\d+`));
      expect(Object.keys(compose.services.proxy as object)).toContain('depends_on');
    },
  );

  it('keeps Kafka and PostgreSQL restarted, healthy and on their volumes', () => {
    const { kafka, postgres } = compose.services;
    expect([kafka.restart, postgres.restart]).toEqual(['unless-stopped', 'unless-stopped']);
    expect(kafka.healthcheck).toBeDefined();
    expect(postgres.healthcheck).toBeDefined();
    // Where the broker writes is where its volume is mounted.
    expect(kafka.volumes).toEqual([`kafka-data:${kafka.environment!.KAFKA_LOG_DIRS}`]);
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
  });

  it('gives every secret as a compose secret read from a file, never as a value', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        expect({ service: name, variable, plain: secretSettings.includes(variable) && !!value }).toEqual({
          service: name,
          variable,
          plain: false,
        });
        const file = /^\/run\/secrets\/(\w+)$/.exec(String(value))?.[1];
        if (variable.endsWith('_FILE')) {
          expect(file).toBeDefined();
          expect(service.secrets).toContain(file);
          expect(compose.secrets[file!].file).toBe(`./deploy/compose/secrets/${file}`);
        }
      }
    }
  });

  it.each(BLOCKS.map((block) => [block]))(
    '%s starts in production with what the file gives it (every setting checked, secrets read from their files)',
    (block) => {
      const dir = mkdtempSync(join(tmpdir(), 'onedoor-compose-'));
      const ec = () =>
        JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }));
      const sealing = JSON.parse(ec()) as Record<string, string>;
      const values: Record<string, string> = {
        database_url: 'postgres://onedoor:secret@postgres:5432/onedoor',
        identity_data_key: randomBytes(32).toString('base64'),
        identity_operator_client_secret: randomBytes(32).toString('base64url'),
        registration_certificate_key: ec(),
        messaging_sealing_key: JSON.stringify(sealing),
        messaging_smtp_urls: '',
        messaging_sms_gateway_token: '',
        feedback_pin_key: randomBytes(32).toString('base64'),
      };
      const publicKey = JSON.stringify({ kty: sealing.kty, crv: sealing.crv, x: sealing.x, y: sealing.y });
      try {
        for (const [name, value] of Object.entries(values)) writeFileSync(join(dir, name), `${value}\n`);
        const service = compose.services[block];
        const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' }; // the image's
        for (const [name, raw] of Object.entries(service.environment ?? {})) {
          // Compose's interpolation: the deployer's .env gives the sealing key; the rest takes its default.
          const value = String(raw)
            .replace(/\$\{ONEDOOR_SEALING_PUBLIC_KEY:\?[^}]*\}/g, publicKey)
            .replace(/\$\{\w+:-([^}]*)\}/g, '$1')
            .replace(/^\/run\/secrets\/(\w+)$/, (_, secret: string) => {
              expect(service.secrets).toContain(secret);
              return join(dir, secret);
            });
          env[name] = value;
        }
        expect(() => loadSettings(env)).not.toThrow();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
