import {
  boolean,
  digits,
  mailbox,
  brokers,
  httpUrl,
  ecKey,
  jwks,
  key32,
  list,
  oneOf,
  pairs,
  port,
  positiveNumber,
  postgresUrl,
  secret,
  text,
  url,
  wholeNumber,
  type Kind,
} from './kinds';

/** Who reads a setting: every block process (`platform`), or one block. */
export type SettingScope =
  'platform' | 'identity' | 'registration' | 'messaging' | 'workflow' | 'feedback' | 'mediator' | 'citizen-web';

export interface Setting<T> {
  kind: Kind<T>;
  scope: SettingScope;
  /** What it is for, in the README's words. */
  doc: string;
  /** The value when unset, as an operator would write it (checked by the same kind). */
  default?: string;
  /** Shown instead of `default` when the fallback is not a plain value (`this machine's`, `made in .onedoor/`). */
  unsetMeans?: string;
  /** Never printed back, not even in an error. */
  secret?: boolean;
}

type Defaulted<T> = Setting<T> & { default: string };
function setting<T>(definition: Defaulted<T>): Defaulted<T>;
function setting<T>(definition: Setting<T>): Setting<T>;
function setting<T>(definition: Setting<T>): Setting<T> {
  return definition;
}

const BLOCK_NAMES = ['identity', 'registration', 'messaging', 'workflow', 'feedback', 'mediator'] as const;
const DEFAULT_PORTS = {
  identity: 3001,
  registration: 3002,
  messaging: 3003,
  workflow: 3004,
  feedback: 3005,
  mediator: 3006,
};

const blockPorts = Object.fromEntries(
  BLOCK_NAMES.map((block) => [
    `${block.toUpperCase()}_PORT`,
    setting({
      kind: port,
      scope: 'platform',
      default: String(DEFAULT_PORTS[block]),
      doc: `the ${block} block's port in distributed mode`,
    }),
  ]),
) as Record<`${Uppercase<(typeof BLOCK_NAMES)[number]>}_PORT`, Defaulted<number>>;

const blockDatabases = Object.fromEntries(
  BLOCK_NAMES.map((block) => [
    `${block.toUpperCase()}_DATABASE_URL`,
    setting({
      kind: postgresUrl,
      scope: 'platform',
      unsetMeans: '`DATABASE_URL`',
      doc: `the ${block} block's own database, instead of the shared one`,
      secret: true,
    }),
  ]),
) as Record<`${Uppercase<(typeof BLOCK_NAMES)[number]>}_DATABASE_URL`, Setting<string>>;

/**
 * Every setting of every block, one schema: checked as a whole at the start of every process (embedded,
 * supervised or one block), every bad value reported at once. The README's configuration table is made from it
 * (`npm run config:docs`; CI checks it is current).
 */
export const SETTINGS = {
  // -- the platform: every block process
  KAFKA_BROKERS: setting({
    kind: brokers,
    scope: 'platform',
    unsetMeans: 'unset',
    doc: 'set: distributed mode, each block its own process, events through Kafka. Unset: embedded mode',
  }),
  DATABASE_URL: setting({
    kind: postgresUrl,
    scope: 'platform',
    unsetMeans: 'unset',
    doc: 'PostgreSQL. Required in distributed mode; in embedded mode unset means the embedded PostgreSQL (PGlite)',
    secret: true,
  }),
  DATABASE_POOL_SIZE: setting({
    kind: wholeNumber(1, 200),
    scope: 'platform',
    default: '10',
    doc: 'connections each block keeps to PostgreSQL',
  }),
  DATABASE_POOL_WAIT_SECONDS: setting({
    kind: wholeNumber(1, 120),
    scope: 'platform',
    default: '5',
    doc: 'how long a request waits for a free connection to PostgreSQL when all are busy, then is answered 503 with Retry-After (the embedded database: 30)',
  }),
  ...blockDatabases,
  PORT: setting({ kind: port, scope: 'platform', default: '3000', doc: 'the single port of embedded mode' }),
  TRUSTED_PROXIES: setting({
    kind: list(text, 'a comma-separated list'),
    scope: 'platform',
    unsetMeans: 'none: the client is the address the connection comes from',
    doc: "the proxies in front of the blocks (the ingress, the citizen's web app) whose `X-Forwarded-For` names the client, for limits per client address: addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal`",
  }),
  ...blockPorts,
  HOST: setting({
    kind: text,
    scope: 'platform',
    default: '127.0.0.1',
    doc: 'address to listen on (`0.0.0.0` in containers)',
  }),
  AUTH_JWKS_URL: setting({
    kind: httpUrl,
    scope: 'platform',
    unsetMeans: 'unset',
    doc: "the identity provider's published keys; distributed mode needs it or `AUTH_JWKS`",
  }),
  AUTH_JWKS: setting({
    kind: jwks,
    scope: 'platform',
    unsetMeans: 'unset',
    doc: 'the key set itself, as JSON',
  }),
  AUTH_ISSUER: setting({ kind: text, scope: 'platform', unsetMeans: 'any', doc: 'expected `iss` of access tokens' }),
  AUTH_AUDIENCE: setting({ kind: text, scope: 'platform', unsetMeans: 'any', doc: 'expected `aud` of access tokens' }),
  CONSUMER_MAX_ATTEMPTS: setting({
    kind: wholeNumber(1, 100),
    scope: 'platform',
    default: '5',
    doc: 'handler attempts before an event goes to dead letters',
  }),
  CONSUMER_INITIAL_BACKOFF_MS: setting({
    kind: wholeNumber(1, 60_000),
    scope: 'platform',
    default: '200',
    doc: 'first retry delay in milliseconds; doubles each attempt, at most 30 s',
  }),
  OUTBOX_MAX_LAG_SECONDS: setting({
    kind: wholeNumber(1, 86_400),
    scope: 'platform',
    default: '60',
    doc: 'readiness fails when the oldest unpublished event is older',
  }),
  KAFKA_TOPIC_PARTITIONS: setting({
    kind: wholeNumber(1, 1_000),
    scope: 'platform',
    default: '3',
    doc: 'partitions of the topics the blocks create',
  }),
  KAFKA_REPLICATION_FACTOR: setting({
    kind: wholeNumber(1, 16),
    scope: 'platform',
    default: '1',
    doc: 'replicas of the topics the blocks create (3 on a production cluster)',
  }),
  ONEDOOR_DATA_DIR: setting({
    kind: text,
    scope: 'platform',
    default: '.onedoor',
    doc: "embedded mode's database, development keys and token; `memory` keeps nothing",
  }),
  LOG_LEVEL: setting({
    kind: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    scope: 'platform',
    default: 'info',
    doc: 'the least severe level logged',
  }),
  LOG_FORMAT: setting({
    kind: oneOf(['auto', 'json', 'pretty']),
    scope: 'platform',
    default: 'auto',
    doc: '`auto`: readable lines in a terminal, JSON otherwise (containers, files, pipes)',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: setting({
    kind: httpUrl,
    scope: 'platform',
    unsetMeans: 'unset',
    doc: 'export traces over OTLP/HTTP (trace ids propagate and are logged either way)',
  }),
  OTEL_SERVICE_NAME: setting({
    kind: text,
    scope: 'platform',
    unsetMeans: '`onedoor-<block>`',
    doc: 'the service name on exported traces',
  }),
  NODE_ENV: setting({
    kind: text,
    scope: 'platform',
    default: 'development',
    doc: '`production` makes the identity and messaging keys and `IDENTITY_ISSUER` required (other values: no effect)',
  }),

  // -- identity
  IDENTITY_ISSUER: setting({
    kind: url(['http:', 'https:'], 'the public URL of the identity block, ending in `/identity`'),
    scope: 'identity',
    unsetMeans: "the request's host",
    doc: 'public URL of the identity block (`https://…/identity`): the token issuer; required in production',
  }),
  IDENTITY_DATA_KEY: setting({
    kind: key32,
    scope: 'identity',
    unsetMeans: 'made in `ONEDOOR_DATA_DIR`',
    doc: 'seals authenticator seeds, signing keys and client secrets; required in production',
    secret: true,
  }),
  IDENTITY_SEALING_PUBLIC_KEY: setting({
    kind: ecKey('public'),
    scope: 'identity',
    unsetMeans: "derived from messaging's key in `ONEDOOR_DATA_DIR`",
    doc: "the messaging block's public sealing key: one-time codes in events are sealed with it; required in production",
  }),
  IDENTITY_OPERATOR_CLIENT_ID: setting({
    kind: text,
    scope: 'identity',
    unsetMeans: 'unset',
    doc: "the platform team's service client (role `platform.operator`), made at start-up",
  }),
  IDENTITY_OPERATOR_CLIENT_SECRET: setting({
    kind: secret(32),
    scope: 'identity',
    unsetMeans: 'unset',
    doc: "that client's secret; required with `IDENTITY_OPERATOR_CLIENT_ID`",
    secret: true,
  }),
  IDENTITY_WEB_CLIENTS: setting({
    kind: pairs(httpUrl, '`<client id>=<callback URL>`, comma-separated'),
    scope: 'identity',
    unsetMeans: 'none',
    doc: "OneDoor's own web apps' clients, made at start-up (authorization code with PKCE, first party): the citizen's web app's is `citizen-web=<its public URL>/signin/callback`",
  }),
  IDENTITY_WEB_CLIENT_SECRETS: setting({
    kind: pairs(secret(32), '`<client id>=<secret of at least 32 characters>`, comma-separated'),
    scope: 'identity',
    unsetMeans: 'unset',
    doc: "each of those clients' secret (the app's `CITIZEN_WEB_CLIENT_SECRET`); required for every client named",
    secret: true,
  }),
  IDENTITY_TRUST_PROXY: setting({
    kind: boolean,
    scope: 'identity',
    default: 'false',
    doc: 'behind a TLS proxy: trust `X-Forwarded-Host` and `-Proto`',
  }),
  IDENTITY_LOGIN_MAX_FAILURES: setting({
    kind: wholeNumber(1, 100),
    scope: 'identity',
    default: '5',
    doc: 'failed sign-ins before an account locks',
  }),
  IDENTITY_LOCKOUT_MINUTES: setting({
    kind: wholeNumber(1, 10_080),
    scope: 'identity',
    default: '15',
    doc: 'how long a locked account stays locked',
  }),
  IDENTITY_OTP_TTL_MINUTES: setting({
    kind: wholeNumber(1, 60),
    scope: 'identity',
    default: '5',
    doc: 'how long a one-time sign-in code is valid',
  }),
  IDENTITY_LINK_POLL_SECONDS: setting({
    kind: wholeNumber(1, 60),
    scope: 'identity',
    default: '20',
    doc: "how long a counter's link-status and link-auth-code requests wait for the phone (long polling)",
  }),
  IDENTITY_UIN_LENGTH: setting({
    kind: wholeNumber(8, 16),
    scope: 'identity',
    default: '10',
    doc: 'digits of a unique identification number, check digit included',
  }),
  IDENTITY_UIN_RESTRICTED: setting({
    kind: list(digits, 'comma-separated numbers (digits only)'),
    scope: 'identity',
    default: '',
    unsetMeans: 'none',
    doc: 'numbers never issued (reserved or withdrawn)',
  }),

  // -- registration
  REGISTRATION_WORKFLOW_URL: setting({
    kind: httpUrl,
    scope: 'registration',
    unsetMeans: "this machine's workflow block",
    doc: "where registration forwards officers' task completions (the workflow block's URL)",
  }),
  REGISTRATION_CERTIFICATE_KEY: setting({
    kind: ecKey('private'),
    scope: 'registration',
    unsetMeans: 'made in `ONEDOOR_DATA_DIR`',
    doc: 'signs the certificates of approved applications (verifiable offline with its public half); required in production; every replica holds the same',
    secret: true,
  }),
  REGISTRATION_STORAGE_DIR: setting({
    kind: text,
    scope: 'registration',
    unsetMeans: '`ONEDOOR_DATA_DIR`/documents',
    doc: 'where application documents are kept (a volume shared by registration replicas)',
  }),

  // -- feedback
  FEEDBACK_PIN_KEY: setting({
    kind: key32,
    scope: 'feedback',
    unsetMeans: 'made in `ONEDOOR_DATA_DIR`',
    doc: "keys the digests of anonymous submitters' PINs (a database dump alone cannot test a PIN); required in production; every replica holds the same",
    secret: true,
  }),
  FEEDBACK_SEALING_PUBLIC_KEY: setting({
    kind: ecKey('public'),
    scope: 'feedback',
    unsetMeans: "derived from messaging's key in `ONEDOOR_DATA_DIR`",
    doc: "the messaging block's public sealing key: who a hotline notice goes to (a person, a phone, an e-mail address) is sealed with it in events; required in production",
  }),
  FEEDBACK_SMS_SECRET: setting({
    kind: secret(16),
    scope: 'feedback',
    unsetMeans: 'unset',
    doc: 'HMAC secret the SMS gateway signs inbound messages to 1516 with (without it, inbound SMS are refused)',
    secret: true,
  }),
  FEEDBACK_STORAGE_DIR: setting({
    kind: text,
    scope: 'feedback',
    unsetMeans: '`ONEDOOR_DATA_DIR`/attachments',
    doc: "where hotline cases' attachments are kept (a volume shared by feedback replicas)",
  }),
  FEEDBACK_SUBMISSIONS_PER_HOUR: setting({
    kind: wholeNumber(1, 1_000_000),
    scope: 'feedback',
    default: '20',
    doc: 'hotline cases one source (a client address, a phone number, a signed-in person, an Open311 key) may submit in an hour; more are refused with 429',
  }),

  // -- messaging
  MESSAGING_SMTP_URLS: setting({
    kind: list(url(['smtp:', 'smtps:'], 'smtp://'), 'comma-separated `smtp://` or `smtps://` URLs'),
    scope: 'messaging',
    default: '',
    unsetMeans: 'none',
    doc: 'email providers, in failover order',
    secret: true,
  }),
  MESSAGING_SMTP_THREADS: setting({
    kind: wholeNumber(1, 8),
    scope: 'messaging',
    default: '2',
    doc: 'threads per SMTP provider, sharing 32 connections',
  }),
  MESSAGING_SMTP_TIMEOUT_SECONDS: setting({
    kind: wholeNumber(1, 600),
    scope: 'messaging',
    default: '10',
    doc: 'how long an SMTP server may take to accept a connection, greet, or answer a command before the mail goes to the next provider',
  }),
  MESSAGING_EMAIL_FROM: setting({
    kind: mailbox,
    scope: 'messaging',
    default: 'OneDoor <no-reply@onedoor.gov.la>',
    doc: 'sender of emails',
  }),
  MESSAGING_SMS_GATEWAYS: setting({
    kind: list(httpUrl, 'comma-separated http(s) URLs'),
    scope: 'messaging',
    default: '',
    unsetMeans: 'none',
    doc: 'SMS gateway base URLs, in failover order',
  }),
  MESSAGING_SMS_GATEWAY_TOKEN: setting({
    kind: text,
    scope: 'messaging',
    unsetMeans: 'unset',
    doc: 'bearer token for the SMS gateways',
    secret: true,
  }),
  MESSAGING_SEALING_KEY: setting({
    kind: ecKey('private'),
    scope: 'messaging',
    unsetMeans: 'made in `ONEDOOR_DATA_DIR`',
    doc: 'opens the secrets sealed for the messaging block in events (one-time codes); required in production',
    secret: true,
  }),
  MESSAGING_PROVIDER_RATE: setting({
    kind: positiveNumber,
    scope: 'messaging',
    default: '200',
    doc: 'messages per second per provider',
  }),
  MESSAGING_RETRY_HOURS: setting({
    kind: positiveNumber,
    scope: 'messaging',
    default: '24',
    doc: 'how long a message is retried before it is Errored',
  }),
  MESSAGING_RECEIPT_SECRET: setting({
    kind: secret(16),
    scope: 'messaging',
    unsetMeans: 'unset',
    doc: 'HMAC secret of delivery receipts (without it, receipts are refused)',
    secret: true,
  }),
  MESSAGING_WEBHOOK_SECRET: setting({
    kind: secret(16),
    scope: 'messaging',
    unsetMeans: 'unset',
    doc: 'HMAC secret OneDoor signs webhooks with (without it, no webhooks are sent)',
    secret: true,
  }),

  // -- workflow
  WORKFLOW_TIMER_WORKERS: setting({
    kind: wholeNumber(1, 16),
    scope: 'workflow',
    default: '2',
    doc: 'timer loops per workflow replica (each fires due timers and deadlines)',
  }),
  WORKFLOW_TOKEN_URL: setting({
    kind: httpUrl,
    scope: 'workflow',
    unsetMeans: 'unset',
    doc: "the token endpoint of the workflow block's service client (for endpoints called with `client-credentials`)",
  }),
  WORKFLOW_CLIENT_ID: setting({ kind: text, scope: 'workflow', unsetMeans: 'unset', doc: 'that client' }),
  WORKFLOW_CLIENT_SECRET: setting({
    kind: text,
    scope: 'workflow',
    unsetMeans: 'unset',
    doc: "that client's secret",
    secret: true,
  }),

  // -- mediator
  MEDIATOR_RETENTION_DAYS: setting({
    kind: wholeNumber(1, 365),
    scope: 'mediator',
    default: '7',
    doc: 'days the information mediator keeps the events it received (how far back a subscription may replay)',
  }),
  MEDIATOR_MEMBER: setting({
    kind: text,
    scope: 'mediator',
    default: 'LA/GOV/ONEDOOR',
    doc: "the platform as GovStack's directory names it: `<instanceId>/<memberClass>/<memberCode>` (its blocks are its applications)",
  }),
  MEDIATOR_BLOCK_URLS: setting({
    kind: text,
    scope: 'mediator',
    unsetMeans: "each block on this machine at its port (distributed) or this process's port (embedded)",
    doc: "where the directory services read each block's OpenAPI document: `<block>=<base URL>` pairs, comma-separated, such as `identity=http://onedoor-identity:3001/identity`",
  }),
  MEDIATOR_PUSH_WORKERS: setting({
    kind: wholeNumber(1, 16),
    scope: 'mediator',
    default: '2',
    doc: "PUSH delivery loops per mediator replica (each delivers to one subscriber's address at a time)",
  }),

  // -- the citizen's web app (services/citizen-web): a client of the blocks' public APIs, no database of its own
  CITIZEN_WEB_PORT: setting({
    kind: port,
    scope: 'citizen-web',
    default: '3010',
    doc: "the citizen's web app's port",
  }),
  CITIZEN_WEB_API_URL: setting({
    kind: httpUrl,
    scope: 'citizen-web',
    default: 'http://127.0.0.1:3000',
    doc: 'where the app calls the blocks, as any client does: the base URL under which each block is served at `/<block>` (the embedded platform, or the ingress)',
  }),
  CITIZEN_WEB_BLOCK_URLS: setting({
    kind: pairs(httpUrl, '`<block>=<base URL>`, comma-separated'),
    scope: 'citizen-web',
    unsetMeans: 'each block at `<CITIZEN_WEB_API_URL>/<block>`',
    doc: 'where the app reaches each block directly inside a deployment, such as `identity=http://identity:3001/identity` (its sign-in reads the identity block there too, while browsers go to its public pages)',
  }),
  CITIZEN_WEB_PUBLIC_URL: setting({
    kind: httpUrl,
    scope: 'citizen-web',
    unsetMeans: '`http://127.0.0.1:<CITIZEN_WEB_PORT>`',
    doc: "the app's address as citizens' browsers reach it (its sign-in callback is `<this>/signin/callback`)",
  }),
  CITIZEN_WEB_CLIENT_ID: setting({
    kind: text,
    scope: 'citizen-web',
    default: 'citizen-web',
    doc: "the app's client at the identity block (authorization code with PKCE; registered with the callback above)",
  }),
  CITIZEN_WEB_CLIENT_SECRET: setting({
    kind: text,
    scope: 'citizen-web',
    unsetMeans: 'unset: the app serves only what needs no sign-in',
    doc: "that client's secret",
    secret: true,
  }),
  CITIZEN_WEB_SESSION_KEY: setting({
    kind: key32,
    scope: 'citizen-web',
    unsetMeans: 'made in `ONEDOOR_DATA_DIR`',
    doc: 'encrypts the session cookie (AES-256-GCM); every replica holds the same; required in production',
    secret: true,
  }),
} satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof SETTINGS;
type ValueOf<S> = S extends Setting<infer T> ? T : never;
type HasFallback<S> = S extends { default: string } ? true : false;

/** The checked settings: a value for every setting with a default, `undefined` where unset means something else. */
export type Settings = {
  readonly [K in SettingName]: HasFallback<(typeof SETTINGS)[K]> extends true
    ? ValueOf<(typeof SETTINGS)[K]>
    : ValueOf<(typeof SETTINGS)[K]> | undefined;
};
