#!/usr/bin/env node
// `npm run k8s:check`: renders the Kubernetes example overlay with kubectl's Kustomize (the real renderer) and
// validates every object against the Kubernetes API's OpenAPI schema (kubernetes-models), then checks what a
// schema cannot: each block's probes and resources, and that the settings a Deployment gets (ConfigMap, Secret,
// env) pass OneDoor's own configuration schema.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import * as models from 'kubernetes-models';
import { usage } from './usage.mjs';

usage(`
usage: npm run k8s:check [-- <overlay directory>]
Renders deploy/k8s/example (or the overlay given) with \`kubectl kustomize\` and validates every object against
the Kubernetes schemas and OneDoor's configuration schema. Needs kubectl (apt-get install kubectl).
`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const overlay = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? path.join(root, 'deploy/k8s/example');
const BLOCKS = ['identity', 'registration', 'messaging', 'workflow', 'feedback', 'mediator'];

const rendered = spawnSync('kubectl', ['kustomize', overlay], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (rendered.error) {
  console.error(`kubectl is missing (${rendered.error.message}): apt-get install kubectl`);
  process.exit(1);
}
if (rendered.status !== 0) {
  console.error(`kubectl kustomize ${overlay} failed:\n${rendered.stderr}`);
  process.exit(1);
}
const build = spawnSync(process.execPath, [path.join(root, 'deploy/scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const { ConfigError, loadSettings, SETTINGS } = require(path.join(root, 'dist/libs/config/src/index.js'));
const { citizenWebConfig } = require(path.join(root, 'dist/services/citizen-web/src/web.config.js'));
const CITIZEN_WEB = { name: 'citizen-web', base: '', scope: ['citizen-web'] };

const problems = [];
const objects = parseAllDocuments(rendered.stdout).map((doc) => doc.toJS());
const name = (o) => `${o.kind}/${o.metadata?.name}`;

function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const key = group ? group.replace(/\.([a-z])/g, (_, c) => c.toUpperCase()) : version;
  const api = group ? models[key]?.[version] : models.v1;
  return api?.[kind];
}

// Kustomize folds long base64 values over several lines; the API server ignores the line breaks, so does the check.
for (const secret of objects.filter((o) => o.kind === 'Secret')) {
  for (const key of Object.keys(secret.data ?? {})) secret.data[key] = secret.data[key].replace(/\s+/g, '');
}

for (const object of objects) {
  const Model = modelOf(object.apiVersion, object.kind);
  if (!Model) {
    problems.push(`${name(object)}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${name(object)}: ${error.message}`);
  }
}

const byName = (kind, n) => objects.find((o) => o.kind === kind && o.metadata.name === n);
const decode = (secret) =>
  Object.fromEntries(Object.entries(secret?.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));

// Each block under /<block>, and the citizen's web app at the root (its settings checked as its own process does).
const APPS = [...BLOCKS.map((block) => ({ name: block, base: `/${block}`, scope: undefined })), CITIZEN_WEB];
for (const { name: block, base, scope } of APPS) {
  const deployment = byName('Deployment', `onedoor-${block}`);
  if (!deployment) {
    problems.push(`no Deployment for ${block}`);
    continue;
  }
  const container = deployment.spec.template.spec.containers[0];
  const expectPath = (probe, suffix) => {
    if (container[probe]?.httpGet?.path !== `${base}/health/${suffix}`)
      problems.push(`${name(deployment)}: ${probe} must GET ${base}/health/${suffix}`);
  };
  expectPath('livenessProbe', 'live');
  expectPath('readinessProbe', 'ready');
  if (!container.resources?.requests?.cpu || !container.resources?.limits?.memory)
    problems.push(`${name(deployment)}: resource requests and limits are required`);
  if (!byName('Service', `onedoor-${block}`)) problems.push(`no Service for ${block}`);
  // The settings this container starts with must pass the configuration schema, as the process will check them.
  const env = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, byName('ConfigMap', source.configMapRef.name)?.data);
    if (source.secretRef) Object.assign(env, decode(byName('Secret', source.secretRef.name)));
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value;
  for (const key of Object.keys(env)) {
    if (!(key in SETTINGS)) problems.push(`${name(deployment)}: ${key} is not a OneDoor setting`);
  }
  try {
    loadSettings(env, scope);
    if (block === 'citizen-web') citizenWebConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.lines()) problems.push(`${name(deployment)}: ${line}`);
  }
}
// The app signs citizens in with the client the identity block makes: its callback and secret must be that client's.
const settingsOf = (deploymentName) => {
  const container = byName('Deployment', deploymentName)?.spec.template.spec.containers[0];
  const env = {};
  for (const source of container?.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, byName('ConfigMap', source.configMapRef.name)?.data);
    if (source.secretRef) Object.assign(env, decode(byName('Secret', source.secretRef.name)));
  }
  return env;
};
const web = settingsOf('onedoor-citizen-web');
const identity = settingsOf('onedoor-identity');
const clientId = web.CITIZEN_WEB_CLIENT_ID ?? 'citizen-web';
const pairs = (value) => Object.fromEntries((value ?? '').split(',').map((pair) => pair.trim().split(/=(.*)/s, 2)));
if (pairs(identity.IDENTITY_WEB_CLIENTS)[clientId] !== `${web.CITIZEN_WEB_PUBLIC_URL}/signin/callback`)
  problems.push(`IDENTITY_WEB_CLIENTS must give ${clientId}=<CITIZEN_WEB_PUBLIC_URL>/signin/callback`);
if (pairs(identity.IDENTITY_WEB_CLIENT_SECRETS)[clientId] !== web.CITIZEN_WEB_CLIENT_SECRET)
  problems.push(`IDENTITY_WEB_CLIENT_SECRETS must give ${clientId} the app's CITIZEN_WEB_CLIENT_SECRET`);
const ingress = objects.find((o) => o.kind === 'Ingress');
const rootPath = ingress?.spec.rules.flatMap((rule) => rule.http.paths).find((p) => p.path === '/');
if (rootPath?.backend.service.name !== 'onedoor-citizen-web')
  problems.push('the Ingress must send / to the citizen web app');
for (const secret of objects.filter((o) => o.kind === 'Secret')) {
  for (const key of Object.keys(secret.data ?? {})) {
    if (SETTINGS[key] && !SETTINGS[key].secret)
      problems.push(`${name(secret)}: ${key} is not a secret; put it in the ConfigMap`);
  }
}
for (const configMap of objects.filter((o) => o.kind === 'ConfigMap')) {
  for (const key of Object.keys(configMap.data ?? {})) {
    if (SETTINGS[key]?.secret && key !== 'KAFKA_BROKERS')
      problems.push(`${name(configMap)}: ${key} is a secret; put it in the Secret`);
  }
}
if (!objects.some((o) => o.kind === 'Job')) problems.push('no migration Job');

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${overlay}: ${objects.length} objects rendered by kubectl kustomize, all valid`);
