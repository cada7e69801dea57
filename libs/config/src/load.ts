import { readFileSync } from 'node:fs';
import { SETTINGS, type Setting, type SettingName, type Settings } from './settings';

/** One bad setting: the variable and what it accepts. */
export interface SettingProblem {
  name: string;
  message: string;
}

/** The configuration cannot be used: every problem found, one line each, naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: SettingProblem[]) {
    super(problems.map((p) => `${p.name} ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }

  /** The lines an operator reads: `configuration: KAFKA_BROKERS="localhost": expected …`. */
  lines(): string[] {
    return this.problems.map((p) => `configuration: ${p.name} ${p.message}`);
  }
}

function shown(setting: Setting<unknown>, raw: string): string {
  return setting.secret ? '(value hidden)' : JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
}

function check(name: string, setting: Setting<unknown>, raw: string, problems: SettingProblem[]): unknown {
  const result = setting.kind.schema.safeParse(raw);
  if (result.success) return result.data;
  problems.push({ name, message: `is ${shown(setting, raw)}; expected ${setting.kind.accepts}` });
  return undefined;
}

/**
 * Rules across settings (distributed mode needs a database and keys; production needs the blocks' keys). `blocks`:
 * the blocks this process runs (a block's own process: that one); production requires only their keys, so each
 * container holds its own secrets. Unset: every block's (embedded mode, the supervisor, the tools).
 */
function crossChecks(values: Record<string, unknown>, problems: SettingProblem[], blocks?: readonly string[]): void {
  const set = (name: SettingName) => values[name] !== undefined;
  const distributed = set('KAFKA_BROKERS') && (values.KAFKA_BROKERS as string[]).length > 0;
  if (distributed && !set('DATABASE_URL')) {
    problems.push({ name: 'DATABASE_URL', message: 'is required in distributed mode (KAFKA_BROKERS is set)' });
  }
  if (distributed && !set('AUTH_JWKS_URL') && !set('AUTH_JWKS')) {
    problems.push({
      name: 'AUTH_JWKS_URL',
      message: "(or AUTH_JWKS) is required in distributed mode: the identity provider's keys",
    });
  }
  if (values.NODE_ENV === 'production') {
    for (const name of [
      'IDENTITY_ISSUER',
      'IDENTITY_DATA_KEY',
      'IDENTITY_SEALING_PUBLIC_KEY',
      'MESSAGING_SEALING_KEY',
      'REGISTRATION_CERTIFICATE_KEY',
      'FEEDBACK_PIN_KEY',
      'FEEDBACK_SEALING_PUBLIC_KEY',
    ] as const) {
      const scope = (SETTINGS[name] as Setting<unknown>).scope;
      if (blocks && !blocks.includes(scope)) continue;
      if (!set(name)) problems.push({ name, message: 'is required when NODE_ENV is production' });
    }
  }
  const issuer = values.IDENTITY_ISSUER as string | undefined;
  if (issuer && !/^https?:\/\/[^/]+\/(.*\/)?identity\/?$/.test(issuer)) {
    problems.push({
      name: 'IDENTITY_ISSUER',
      message: `is ${JSON.stringify(issuer)}; expected the URL of the identity block, ending in /identity`,
    });
  }
  if (set('IDENTITY_OPERATOR_CLIENT_ID') !== set('IDENTITY_OPERATOR_CLIENT_SECRET')) {
    problems.push({
      name: set('IDENTITY_OPERATOR_CLIENT_ID') ? 'IDENTITY_OPERATOR_CLIENT_SECRET' : 'IDENTITY_OPERATOR_CLIENT_ID',
      message: 'is required with the other (the operator client needs both an id and a secret)',
    });
  }
  const webClients = Object.keys((values.IDENTITY_WEB_CLIENTS as Record<string, string> | undefined) ?? {});
  const webSecrets = (values.IDENTITY_WEB_CLIENT_SECRETS as Record<string, string> | undefined) ?? {};
  const unpaired = webClients.filter((client) => !webSecrets[client]);
  if (unpaired.length) {
    problems.push({
      name: 'IDENTITY_WEB_CLIENT_SECRETS',
      message: `has no secret for ${unpaired.join(', ')} (named in IDENTITY_WEB_CLIENTS)`,
    });
  }
  const workflowClient = ['WORKFLOW_TOKEN_URL', 'WORKFLOW_CLIENT_ID', 'WORKFLOW_CLIENT_SECRET'] as const;
  if (workflowClient.some(set) && !workflowClient.every(set)) {
    for (const name of workflowClient.filter((n) => !set(n))) {
      problems.push({ name, message: `is required with ${workflowClient.filter(set).join(' and ')}` });
    }
  }
}

/**
 * Reads and checks every setting of every block from `env`. Unset or empty means the default. Throws a
 * ConfigError listing every problem at once; a process refuses to start on it.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, blocks?: readonly string[]): Settings {
  const problems: SettingProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    try {
      values[name] = readSetting(name, env);
    } catch (error) {
      problems.push(...(error as ConfigError).problems);
    }
  }
  crossChecks(values, problems, blocks);
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(values) as Settings;
}

/**
 * One setting, checked on its own (a block reads its own settings with it; every process has checked the whole
 * configuration with loadSettings at start). Throws a ConfigError naming the variable.
 */
export function readSetting<K extends SettingName>(name: K, env: NodeJS.ProcessEnv = process.env): Settings[K] {
  const setting = SETTINGS[name] as Setting<unknown>;
  const problems: SettingProblem[] = [];
  const raw = env[name] || (setting.secret ? fromFile(name, env, problems) : undefined);
  let value: unknown;
  if (raw !== undefined && raw !== '') value = check(name, setting, raw, problems);
  else if (setting.default !== undefined) value = check(name, setting, setting.default, problems);
  if (problems.length) throw new ConfigError(problems);
  return value as Settings[K];
}

/**
 * A secret setting may be given as a file instead (`<NAME>_FILE`: Docker's and Kubernetes' secrets mounted as
 * files): its content, without the trailing newline.
 */
function fromFile(name: string, env: NodeJS.ProcessEnv, problems: SettingProblem[]): string | undefined {
  const file = env[`${name}_FILE`];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    problems.push({ name: `${name}_FILE`, message: `cannot be read: ${(error as Error).message}` });
    return undefined;
  }
}

/** Variables of development tools (tests, benchmarks, the local broker), not of a OneDoor process. */
const TOOL_VARIABLES = new Set(['ONEDOOR_KAFKA_PORT', 'ONEDOOR_KAFKA_HOME', 'ONEDOOR_ADMIN_DATABASE_URL']);
const OUR_PREFIXES =
  /^(ONEDOOR|IDENTITY|REGISTRATION|MESSAGING|WORKFLOW|FEEDBACK|MEDIATOR|AUTH|KAFKA|DATABASE|CONSUMER|OUTBOX|LOG)_/;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** `<NAME>_FILE` of a secret setting. */
const secretFile = (name: string) =>
  name.endsWith('_FILE') && !!(SETTINGS[name.slice(0, -5) as SettingName] as Setting<unknown> | undefined)?.secret;

/**
 * Variables that look like OneDoor's but are none of its settings (a typo such as KAFKA_BROKER is otherwise
 * silently ignored): one line each, with the setting it was probably meant to be.
 */
export function unknownSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = Object.keys(SETTINGS);
  return Object.keys(env)
    .filter((name) => OUR_PREFIXES.test(name) && !(name in SETTINGS) && !TOOL_VARIABLES.has(name) && !secretFile(name))
    .sort()
    .map((name) => {
      const closest = names.reduce((best, candidate) =>
        distance(name, candidate) < distance(name, best) ? candidate : best,
      );
      const hint = distance(name, closest) <= 3 ? `; did you mean ${closest}?` : '';
      return `configuration: ${name} is not a OneDoor setting and is ignored${hint}`;
    });
}

/** The exit code of a process refused for its configuration (EX_CONFIG of sysexits.h). */
export const EXIT_CONFIGURATION = 78;

/**
 * The first thing a OneDoor process does: check every setting. On a bad one it prints one line per problem to
 * stderr, naming the variable and what it accepts, and exits with EXIT_CONFIGURATION (no stack trace).
 */
export function settingsOrExit(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
  blocks?: readonly string[],
): Settings {
  const unknown = unknownSettings(env);
  if (unknown.length) process.stderr.write(`${unknown.join('\n')}\n`);
  try {
    return loadSettings(env, blocks);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    exitOnConfigError(service, error);
  }
}

/** Ends a process refused for its configuration: a header line, one line per problem, EXIT_CONFIGURATION. */
export function exitOnConfigError(service: string, error: ConfigError): never {
  const count = error.problems.length;
  process.stderr.write(
    `${service} does not start: ${count} setting${count === 1 ? ' is' : 's are'} wrong\n${error.lines().join('\n')}\n`,
  );
  process.exit(EXIT_CONFIGURATION);
}
