#!/usr/bin/env node
'use strict';
/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) run from Maven Central's jars.
 *
 *   node deploy/kafka/broker.cjs start     resolve (first run only), format, start, wait until ready
 *   node deploy/kafka/broker.cjs stop      SIGTERM and wait for a clean shutdown
 *   node deploy/kafka/broker.cjs status    prints running/stopped and the bootstrap address
 *   node deploy/kafka/broker.cjs resolve   only download the jars (CI warms this once)
 *
 * Environment: ONEDOOR_KAFKA_PORT (default 19092; the controller listens on port + 1),
 * ONEDOOR_KAFKA_HOME (default deploy/kafka/.runtime). The same functions are used by the test and
 * benchmark runners, and by the integration tests that stop and restart the broker.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const crypto = require('node:crypto');

const HERE = __dirname;
const READY_LINE = 'Kafka Server started';

function settings(overrides = {}) {
  const home = path.resolve(overrides.home ?? process.env.ONEDOOR_KAFKA_HOME ?? path.join(HERE, '.runtime'));
  const port = Number(overrides.port ?? process.env.ONEDOOR_KAFKA_PORT ?? 19092);
  return {
    home,
    port,
    controllerPort: port + 1,
    lib: path.join(HERE, '.runtime', 'lib'),
    dataDir: path.join(home, `data-${port}`),
    logFile: path.join(home, `broker-${port}.log`),
    pidFile: path.join(home, `broker-${port}.pid`),
    propsFile: path.join(home, `server-${port}.properties`),
    log4jFile: path.join(home, 'log4j2.properties'),
    bootstrap: `127.0.0.1:${port}`,
  };
}

function log(message) {
  process.stderr.write(`[kafka] ${message}\n`);
}

/** Downloads the broker's runtime classpath into deploy/kafka/.runtime/lib (only the first time). */
function resolve() {
  const s = settings();
  const pom = fs.readFileSync(path.join(HERE, 'pom.xml'), 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)[1];
  if (fs.existsSync(path.join(s.lib, `kafka_2.13-${version}.jar`))) return s.lib;
  log(`resolving Apache Kafka ${version} from Maven Central (first run only)`);
  const r = spawnSync('mvn', ['-q', '-B', '-f', path.join(HERE, 'pom.xml'), 'dependency:copy-dependencies'], {
    stdio: 'inherit',
  });
  if (r.error) throw new Error(`Kafka broker: cannot run Maven (is it installed and on PATH?): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`Kafka broker: Maven could not resolve org.apache.kafka:kafka_2.13:${version}`);
  return s.lib;
}

function writeConfig(s) {
  fs.mkdirSync(s.home, { recursive: true });
  fs.writeFileSync(
    s.propsFile,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${s.controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${s.port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${s.dataDir}`,
      'num.partitions=3',
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'log.flush.interval.messages=9223372036854775807',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    s.log4jFile,
    [
      'status = warn',
      'appender.console.type = Console',
      'appender.console.name = STDOUT',
      'appender.console.layout.type = PatternLayout',
      'appender.console.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = WARN',
      'rootLogger.appenderRef.stdout.ref = STDOUT',
      'logger.server.name = kafka.server.KafkaRaftServer',
      'logger.server.level = INFO',
      'logger.kafka.name = kafka.Kafka',
      'logger.kafka.level = INFO',
      'logger.broker.name = kafka.server.BrokerServer',
      'logger.broker.level = INFO',
      '',
    ].join('\n'),
  );
}

function javaArgs(s, mainClass, args) {
  return [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${s.log4jFile}`,
    `-Dkafka.logs.dir=${s.home}`,
    '-cp',
    `${s.lib}/*`,
    mainClass,
    ...args,
  ];
}

function format(s) {
  const clusterIdFile = path.join(s.home, `cluster-${s.port}.id`);
  if (!fs.existsSync(clusterIdFile)) {
    // A KRaft cluster id is 16 random bytes in URL-safe base64 without padding (what `random-uuid` prints).
    fs.writeFileSync(clusterIdFile, crypto.randomBytes(16).toString('base64url'));
  }
  // Passed as `--cluster-id=…`: an id may start with '-' (one in 64 does), which the tool would read as an option.
  const clusterId = fs.readFileSync(clusterIdFile, 'utf8').trim();
  const r = spawnSync(
    'java',
    javaArgs(s, 'kafka.tools.StorageTool', ['format', `--cluster-id=${clusterId}`, '-c', s.propsFile, '-g']),
    { encoding: 'utf8' },
  );
  if (r.error) throw new Error(`Kafka broker: cannot run java (Java 17+ is required): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`Kafka broker: formatting ${s.dataDir} failed:\n${r.stdout}\n${r.stderr}`);
}

function pidOf(s) {
  if (!fs.existsSync(s.pidFile)) return undefined;
  const pid = Number(fs.readFileSync(s.pidFile, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function portOpen(port) {
  return new Promise((done) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the broker (or finds it running) and resolves with its bootstrap address once it logged readiness.
 * @param {{port?: number, home?: string, fresh?: boolean, timeoutMs?: number}} options
 */
async function start(options = {}) {
  const s = settings(options);
  if (pidOf(s)) return s.bootstrap;
  resolve();
  if (options.fresh) fs.rmSync(s.dataDir, { recursive: true, force: true });
  if (await portOpen(s.port)) {
    throw new Error(`Kafka broker: port ${s.port} is taken by another process; set ONEDOOR_KAFKA_PORT`);
  }
  writeConfig(s);
  format(s);
  const logOffset = fs.existsSync(s.logFile) ? fs.statSync(s.logFile).size : 0;
  const out = fs.openSync(s.logFile, 'a');
  const child = spawn('java', javaArgs(s, 'kafka.Kafka', [s.propsFile]), {
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  fs.writeFileSync(s.pidFile, String(child.pid));
  child.unref();
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (exited) break;
    const text = fs.readFileSync(s.logFile, 'utf8').slice(logOffset);
    if (text.includes(READY_LINE) && (await portOpen(s.port))) {
      log(`ready on ${s.bootstrap} (pid ${child.pid}, log ${s.logFile})`);
      return s.bootstrap;
    }
    await sleep(250);
  }
  const tail = fs.readFileSync(s.logFile, 'utf8').slice(logOffset).split('\n').slice(-30).join('\n');
  await stop(options);
  throw new Error(`Kafka broker did not become ready on ${s.bootstrap}. Last log lines:\n${tail}`);
}

/**
 * Stops the broker with SIGTERM and waits for the shutdown hook to close the logs. A combined single node can
 * wait a long time on its own controlled shutdown, so after the timeout (default 20 s) it is killed; the logs
 * are in the page cache and recover on the next start, as after a crash.
 */
async function stop(options = {}) {
  const s = settings(options);
  const pid = pidOf(s);
  if (!pid) {
    fs.rmSync(s.pidFile, { force: true });
    return;
  }
  process.kill(pid, options.signal ?? 'SIGTERM');
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      break;
    }
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  fs.rmSync(s.pidFile, { force: true });
  // The port is released when the process is gone; wait for it so a restart can bind again.
  while (await portOpen(s.port)) await sleep(100);
}

function status(options = {}) {
  const s = settings(options);
  const pid = pidOf(s);
  return { running: Boolean(pid), pid, bootstrap: s.bootstrap, log: s.logFile };
}

module.exports = { start, stop, status, resolve, settings };

if (require.main === module) {
  const command = process.argv[2] ?? 'status';
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(
      'usage: npm run kafka -- start [--fresh] | stop | status | resolve\n' +
        'A single-node Kafka broker on 127.0.0.1:$ONEDOOR_KAFKA_PORT (default 19092), from Maven Central.',
    );
    process.exit(0);
  }
  const run = {
    start: async () => console.log(await start({ fresh: process.argv.includes('--fresh') })),
    stop: () => stop(),
    status: async () => console.log(JSON.stringify(status())),
    resolve: async () => console.log(resolve()),
  }[command];
  if (!run) {
    console.error('usage: broker.cjs start [--fresh] | stop | status | resolve');
    process.exit(2);
  }
  Promise.resolve(run()).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
