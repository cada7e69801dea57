/**
 * docker-compose.yml as a deployer runs it, checked without a container engine: every block behind the proxy with
 * a health check and a restart policy, Kafka and PostgreSQL restarted and on their volumes, every secret a compose
 * secret read through its setting's `<NAME>_FILE`, never a value in the file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { BLOCKS } from '@onedoor/contracts';
import { loadSettings, readSetting, SETTINGS } from '@onedoor/config';

type Service = {
  restart?: string;
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
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
      expect(caddyfile).toMatch(new RegExp(`reverse_proxy /${block}\\* ${block}:\\d+`));
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

  it("seeds the journeys' data once the blocks are healthy, keeping its output on a volume the image prepares", () => {
    const { seed } = compose.services;
    expect(seed.restart).toBe('no');
    expect(seed.command?.slice(0, 2)).toEqual(['node', 'dist/services/platform/src/seed/main.js']);
    for (const block of ['identity', 'registration', 'workflow', 'feedback']) {
      expect(seed.depends_on?.[block]).toEqual({ condition: 'service_healthy' });
    }
    // Each block at the address and port its own service listens on.
    const urls = seed.command![seed.command!.indexOf('--block-urls') + 1];
    for (const block of BLOCKS) {
      const port = compose.services[block].environment![`${block.toUpperCase()}_PORT`];
      expect(urls).toContain(`${block}=http://${block}:${port}/${block}`);
    }
    const out = seed.command![seed.command!.indexOf('--out') + 1];
    expect(seed.volumes).toEqual([`seed:${dirname(out)}`]);
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(
      new RegExp(`mkdir -p [^\\n]*${dirname(out)}[^\\n]*&& chown node:node [^\\n]*${dirname(out)}`),
    );
    expect(dockerfile).toContain('COPY --from=build /app/services/workflow/examples ./services/workflow/examples');
    expect(existsSync(join(root, 'services/workflow/examples/import-licence.bpmn'))).toBe(true);
  });

  it("serves the citizen's web app at the site's root, its client made by the identity block with the same secret", () => {
    const web = compose.services['citizen-web'];
    expect(web.restart).toBe('unless-stopped');
    expect(web.command).toEqual(['node', 'dist/services/citizen-web/src/main.js']);
    expect(web.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${web.environment!.CITIZEN_WEB_PORT}/health/ready`);
    expect(web.ports).toBeUndefined();
    // The catch-all comes last in the proxy's route: every block's prefix is matched before it.
    const routes = [...caddyfile.matchAll(/reverse_proxy (\/\w+\* )?([\w-]+):(\d+)/g)].map((m) => m[2]);
    expect(routes).toEqual([...BLOCKS, 'citizen-web']);
    expect(caddyfile).toContain(`reverse_proxy citizen-web:${web.environment!.CITIZEN_WEB_PORT}`);
    // Each block the app calls, at the address and port its own service listens on.
    for (const pair of web.environment!.CITIZEN_WEB_BLOCK_URLS.split(',')) {
      const [block, url] = pair.split('=');
      const port = compose.services[block].environment![`${block.toUpperCase()}_PORT`];
      expect(url).toBe(`http://${block}:${port}/${block}`);
    }
    // Its sign-in callback is the one the identity block's client allows.
    expect(compose.services.identity.environment!.IDENTITY_WEB_CLIENTS).toBe(
      `citizen-web=${web.environment!.CITIZEN_WEB_PUBLIC_URL}/signin/callback`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-compose-'));
    try {
      execFileSync(process.execPath, [join(root, 'deploy/scripts/compose-secrets.mjs'), '--into', dir]);
      const read = (name: string) => readFileSync(join(dir, 'secrets', name), 'utf8').trim();
      expect(read('identity_web_client_secrets')).toBe(`citizen-web=${read('citizen_web_client_secret')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([...BLOCKS, 'citizen-web'].map((block) => [block]))(
    '%s starts in production with what the file and `npm run compose:secrets` give it: its own secrets, no other',
    (block) => {
      const dir = mkdtempSync(join(tmpdir(), 'onedoor-compose-'));
      try {
        // The deployer's first step, as they run it: every secret compose mounts, and .env.
        execFileSync(process.execPath, [join(root, 'deploy/scripts/compose-secrets.mjs'), '--into', dir]);
        for (const { file } of Object.values(compose.secrets)) {
          expect(existsSync(join(dir, 'secrets', basename(file)))).toBe(true);
        }
        const publicKey = /^ONEDOOR_SEALING_PUBLIC_KEY='(.*)'$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1];
        const service = compose.services[block];
        const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' }; // the image's
        for (const [name, raw] of Object.entries(service.environment ?? {})) {
          // Compose's interpolation: .env gives the sealing key; the rest takes its default.
          env[name] = String(raw)
            .replace(/\$\{ONEDOOR_SEALING_PUBLIC_KEY:\?[^}]*\}/g, publicKey)
            .replace(/\$\{\w+:-([^}]*)\}/g, '$1')
            .replace(/^\/run\/secrets\/(\w+)$/, (_, secret: string) => {
              expect(service.secrets).toContain(secret);
              return join(dir, 'secrets', secret);
            });
        }
        // As the block's process checks it: its own keys are required in production, and here (nobody else's).
        expect(() => loadSettings(env, [block])).not.toThrow();
        // The app's session key is required in production (its own start-up check, beside the schema's).
        if (block === 'citizen-web') expect(readSetting('CITIZEN_WEB_SESSION_KEY', env)).toHaveLength(44);
        const others = Object.keys(env).filter(
          (name) => /_FILE$|SEALING/.test(name) && !name.startsWith(block.toUpperCase().replace('-', '_')),
        );
        expect(others.filter((name) => !name.startsWith('DATABASE_URL'))).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
