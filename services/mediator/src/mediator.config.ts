import { BLOCKS } from '@onedoor/contracts';
import { ConfigError, readSetting } from '@onedoor/config';
import { loadPlatformConfig } from '@onedoor/platform-kit';

/** The information mediator's settings, typed and checked (libs/config validates every value at start-up). */
export interface MediatorConfig {
  /** Days the received events are kept: how far back a subscription may replay. */
  retentionDays: number;
  /** PUSH delivery loops per replica. */
  pushWorkers: number;
  /** The platform as GovStack's directory names it. */
  member: { instanceId: string; memberClass: string; memberCode: string };
  /** Each block's API base URL, where its OpenAPI document is read (read when asked: a test sets it after start). */
  blockUrls(): Record<string, string>;
}

export const MEDIATOR_CONFIG = Symbol('MEDIATOR_CONFIG');

function member(env: NodeJS.ProcessEnv): MediatorConfig['member'] {
  const parts = readSetting('MEDIATOR_MEMBER', env).split('/');
  if (parts.length !== 3 || parts.some((part) => !/^[\w.-]+$/.test(part))) {
    throw new ConfigError([{ name: 'MEDIATOR_MEMBER', message: 'is <instanceId>/<memberClass>/<memberCode>' }]);
  }
  const [instanceId, memberClass, memberCode] = parts;
  return { instanceId, memberClass, memberCode };
}

/** MEDIATOR_BLOCK_URLS' pairs; unset, each block on this machine (its own port, or embedded mode's one port). */
export function blockUrls(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const configured = readSetting('MEDIATOR_BLOCK_URLS', env);
  if (configured) {
    const pairs = configured.split(',').map((pair) => pair.trim().split('='));
    const bad = pairs.find(([block, url]) => !BLOCKS.includes(block as never) || !/^https?:\/\/\S+$/.test(url ?? ''));
    if (bad) {
      throw new ConfigError([{ name: 'MEDIATOR_BLOCK_URLS', message: `${bad.join('=')}: <block>=<http(s) URL>` }]);
    }
    return Object.fromEntries(pairs.map(([block, url]) => [block, url.replace(/\/+$/, '')]));
  }
  const platform = loadPlatformConfig(env, ['mediator']);
  return Object.fromEntries(
    BLOCKS.map((block) => [
      block,
      `http://127.0.0.1:${platform.mode === 'embedded' ? platform.port : platform.blockPorts[block]}/${block}`,
    ]),
  );
}

export function mediatorConfig(env: NodeJS.ProcessEnv = process.env): MediatorConfig {
  return {
    retentionDays: readSetting('MEDIATOR_RETENTION_DAYS', env),
    pushWorkers: readSetting('MEDIATOR_PUSH_WORKERS', env),
    member: member(env),
    blockUrls: () => blockUrls(env),
  };
}
