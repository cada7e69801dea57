#!/usr/bin/env node
// Generates docs/asyncapi/asyncapi.json (AsyncAPI 3.0) and docs/asyncapi/schemas/<type>.json (JSON Schema 2020-12)
// from the event catalogue in libs/contracts. With --check (CI): fails when the committed files drift from the
// code, when the document does not validate, or when a schema changed incompatibly within its version.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { usage } from './usage.mjs';

usage(`
usage: npm run asyncapi [-- --check]
Writes docs/asyncapi/ from the event catalogue in libs/contracts. --check: fails when the committed files drift,
the document is invalid, or a schema changed incompatibly within its version (CI).
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');
const outDir = path.join(root, 'docs/asyncapi');
const schemaDir = path.join(outDir, 'schemas');

const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const { EVENT_CATALOGUE, CE_HEADER_PREFIX, DEAD_LETTER_HEADERS, ProbeSent, deadLetterTopic } = require(
  path.join(root, 'dist/libs/contracts/src/index.js'),
);
// Each block's definition says what it consumes (a test checks the running blocks against it).
const { ALL_BLOCKS } = require(path.join(root, 'dist/services/platform/src/blocks.js'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const pascal = (text) => text.replace(/(^|[.\-_])([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const messageId = (type) => pascal(type.replace('la.gov.onedoor.', ''));
const channelId = (topic) => pascal(topic.replace('onedoor.', ''));

function ceHeaders() {
  const attribute = (description, extra = {}) => ({ type: 'string', description, ...extra });
  return {
    type: 'object',
    required: [
      `${CE_HEADER_PREFIX}specversion`,
      `${CE_HEADER_PREFIX}id`,
      `${CE_HEADER_PREFIX}type`,
      `${CE_HEADER_PREFIX}source`,
      'content-type',
    ],
    properties: {
      [`${CE_HEADER_PREFIX}specversion`]: attribute('CloudEvents version', { const: '1.0' }),
      [`${CE_HEADER_PREFIX}id`]: attribute('Event id (UUID); consumers deduplicate on it'),
      [`${CE_HEADER_PREFIX}type`]: attribute('Event type, reverse-DNS with its major version'),
      [`${CE_HEADER_PREFIX}source`]: attribute('The publishing block, /onedoor/<block>'),
      [`${CE_HEADER_PREFIX}subject`]: attribute('The aggregate the event is about'),
      [`${CE_HEADER_PREFIX}time`]: attribute('When it happened (RFC 3339)', { format: 'date-time' }),
      [`${CE_HEADER_PREFIX}dataschema`]: attribute('URN of the payload schema'),
      [`${CE_HEADER_PREFIX}correlationid`]: attribute('Extension: the case (application, hotline case) across blocks'),
      [`${CE_HEADER_PREFIX}causationid`]: attribute('Extension: id of the event that caused this one'),
      [`${CE_HEADER_PREFIX}traceparent`]: attribute('Extension: W3C trace context'),
      traceparent: attribute('W3C trace context, for tracing tools that do not read CloudEvents'),
      'content-type': attribute('datacontenttype', { const: 'application/json' }),
    },
  };
}

function generate() {
  const document = {
    asyncapi: '3.0.0',
    info: {
      title: 'OneDoor events',
      version: pkg.version,
      description:
        'Every event the OneDoor building blocks publish. CloudEvents 1.0 in Kafka binary content mode: attributes ' +
        'in ce_ headers, the payload (JSON) as the message value, the aggregate id as the key. The blocks also ' +
        'consume structured mode (content-type application/cloudevents+json: the whole event as the value). ' +
        "An event caused by another carries its ce_causationid and the case's ce_correlationid. The receive " +
        'operations say which block consumes what (consumer group onedoor.<block>); the DeadLetter channels hold ' +
        'what a block set aside, one topic per consumer group. Generated from ' +
        'libs/contracts by `npm run asyncapi`; do not edit by hand.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: { host: 'kafka:9092', protocol: 'kafka', description: "The platform's Kafka cluster (KAFKA_BROKERS)" },
    },
    channels: {},
    operations: {},
    components: { messages: {} },
  };
  const schemas = {};
  for (const contract of EVENT_CATALOGUE) {
    const id = messageId(contract.type);
    const channel = channelId(contract.topic);
    document.channels[channel] ??= { address: contract.topic, messages: {} };
    document.channels[channel].messages[id] = { $ref: `#/components/messages/${id}` };
    document.operations[`publish${id}`] = {
      action: 'send',
      summary: `The ${contract.source} block publishes ${contract.type}`,
      channel: { $ref: `#/channels/${channel}` },
      messages: [{ $ref: `#/channels/${channel}/messages/${id}` }],
    };
    const { $schema, $id, ...payload } = contract.schema;
    document.components.messages[id] = {
      name: contract.type,
      title: contract.type,
      summary: contract.summary,
      contentType: 'application/json',
      headers: ceHeaders(),
      payload: {
        ...payload,
        description: `JSON Schema: ${$id} (docs/asyncapi/schemas/${contract.type}.json, dialect ${$schema})`,
      },
      correlationId: { location: '$message.header#/ce_correlationid' },
      bindings: {
        kafka: { key: { type: 'string', description: `payload.${contract.partitionKey}` }, bindingVersion: '0.5.0' },
      },
      examples: [{ name: 'example', payload: contract.example }],
      'x-onedoor-version': contract.version,
      'x-onedoor-partition-key': contract.partitionKey,
    };
    schemas[contract.type] = contract.schema;
  }
  for (const block of ALL_BLOCKS) {
    const Block = pascal(block.name);
    for (const contract of [ProbeSent, ...block.consumes]) {
      const id = messageId(contract.type);
      document.operations[`${block.name}Receives${id}`] = {
        action: 'receive',
        summary: `The ${block.name} block consumes ${contract.type} (consumer group onedoor.${block.name})`,
        channel: { $ref: `#/channels/${channelId(contract.topic)}` },
        messages: [{ $ref: `#/channels/${channelId(contract.topic)}/messages/${id}` }],
      };
    }
    const deadLetters = `DeadLetter${Block}`;
    document.channels[deadLetters] = {
      address: deadLetterTopic(`onedoor.${block.name}`),
      description:
        `What the ${block.name} block could not handle: the event as it arrived (same key, value and ce_ headers) ` +
        'with the failure in onedoor_dlq_ headers. Replayed with `npm run dlq:replay` once the cause is fixed.',
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    };
    document.operations[`${block.name}DeadLetters`] = {
      action: 'send',
      summary: `The ${block.name} block sets aside an event it cannot handle (after its retries, or at once when it can never succeed)`,
      channel: { $ref: `#/channels/${deadLetters}` },
      messages: [{ $ref: `#/channels/${deadLetters}/messages/DeadLetter` }],
    };
  }
  document.components.messages.DeadLetter = {
    name: 'dead-letter',
    title: 'A dead letter',
    summary: 'An event a consumer group set aside, with why and where it came from.',
    headers: {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries({
          error: 'The error the handler raised',
          reason:
            'Why: handler-failed (its retries spent, or a refusal that can never succeed), unparseable or schema-invalid (not a readable OneDoor event)',
          group: 'The consumer group that set it aside',
          topic: 'Where it was read',
          partition: 'Its partition there',
          offset: 'Its offset there',
          attempts: 'How many times it was tried',
          failedAt: 'When it was set aside (RFC 3339)',
        }).map(([key, description]) => [DEAD_LETTER_HEADERS[key], { type: 'string', description }]),
      ),
    },
    payload: { description: 'The original message value, unchanged' },
  };
  return { document, schemas };
}

const stringify = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** Every payload valid under `before` stays valid under `after`: nothing removed, tightened or newly required. */
function incompatibilities(before, after, at = '') {
  const problems = [];
  const here = at || '/';
  if (JSON.stringify(before.type) !== JSON.stringify(after.type)) problems.push(`${here}: type changed`);
  if (before.format !== after.format) problems.push(`${here}: format changed`);
  if (before.const !== after.const) problems.push(`${here}: const changed`);
  if (Array.isArray(after.enum) && (!Array.isArray(before.enum) || before.enum.some((v) => !after.enum.includes(v)))) {
    problems.push(`${here}: enum values removed`);
  }
  for (const [key, tighter] of [
    ['maxLength', (a, b) => a < b],
    ['maximum', (a, b) => a < b],
    ['maxItems', (a, b) => a < b],
    ['minLength', (a, b) => a > b],
    ['minimum', (a, b) => a > b],
    ['minItems', (a, b) => a > b],
  ]) {
    if (after[key] !== undefined && (before[key] === undefined || tighter(after[key], before[key])))
      problems.push(`${here}: ${key} tightened`);
  }
  if (after.pattern !== undefined && after.pattern !== before.pattern) problems.push(`${here}: pattern changed`);
  const newlyRequired = (after.required ?? []).filter((p) => !(before.required ?? []).includes(p));
  if (newlyRequired.length) problems.push(`${here}: newly required ${newlyRequired.join(', ')}`);
  if (before.additionalProperties !== false && after.additionalProperties === false)
    problems.push(`${here}: additional properties no longer allowed`);
  for (const [name, schema] of Object.entries(before.properties ?? {})) {
    const next = after.properties?.[name];
    if (!next) {
      if (after.additionalProperties === false) problems.push(`${at}/${name}: removed`);
      continue;
    }
    problems.push(...incompatibilities(schema, next, `${at}/${name}`));
  }
  if (before.items && after.items) problems.push(...incompatibilities(before.items, after.items, `${at}/items`));
  return problems;
}

const { document, schemas } = generate();
const files = new Map([[path.join(outDir, 'asyncapi.json'), stringify(document)]]);
for (const [type, schema] of Object.entries(schemas))
  files.set(path.join(schemaDir, `${type}.json`), stringify(schema));

if (!check) {
  rmSync(schemaDir, { recursive: true, force: true });
  mkdirSync(schemaDir, { recursive: true });
  for (const [file, text] of files) writeFileSync(file, text);
  console.log(`wrote ${files.size} files to docs/asyncapi/`);
  process.exit(0);
}

const failures = [];
// 1. Compatibility within a version, against the committed schemas.
if (existsSync(schemaDir)) {
  for (const name of readdirSync(schemaDir)) {
    const type = name.replace(/\.json$/, '');
    const committed = JSON.parse(readFileSync(path.join(schemaDir, name), 'utf8'));
    if (!schemas[type]) {
      failures.push(`${type}: removed from the catalogue; published event types stay (deprecate them instead)`);
      continue;
    }
    for (const problem of incompatibilities(committed, schemas[type])) {
      failures.push(
        `${type}: incompatible change within version (${problem}); publish a new version (.v${Number(type.split('.v').pop()) + 1}) instead`,
      );
    }
  }
}
// 2. Drift between the committed files and the code.
for (const [file, text] of files) {
  const committed = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (committed !== text)
    failures.push(`${path.relative(root, file)} is out of date: run \`npm run asyncapi\` and commit it`);
}
// 3. The document is valid AsyncAPI 3.0.
const { Parser } = require('@asyncapi/parser');
const diagnostics = await new Parser().validate(stringify(document));
for (const d of diagnostics.filter((d) => d.severity === 0))
  failures.push(`AsyncAPI: ${d.message} at ${d.path.join('/')}`);

if (failures.length) {
  console.error(failures.map((f) => `- ${f}`).join('\n'));
  process.exit(1);
}
console.log(`AsyncAPI document valid and in sync (${Object.keys(schemas).length} event types)`);
