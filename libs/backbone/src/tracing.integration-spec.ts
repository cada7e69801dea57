import { randomUUID } from 'node:crypto';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { DataSource } from 'typeorm';
import { ProbeSent, type ProbeSentPayload } from '@onedoor/contracts';
import { SpanKind, createMetricsRegistry, inSpan, startTracing } from '@onedoor/observability';
import { createBlockDataSource, createPlatformTablesMigration, migrateBlock } from '@onedoor/persistence';
import { createScratchDatabase, memoryLogger, waitFor, type ScratchDatabase } from '@onedoor/testing';
import { EventBackbone, InProcessTransport } from './index';

const exporter = new InMemorySpanExporter();
startTracing({ serviceName: 'tracing-test', spanProcessors: [new SimpleSpanProcessor(exporter)] });

/** One trace from the operation that writes an event, through the outbox and the broker, into every consumer. */
describe('tracing across the backbone', () => {
  let db: ScratchDatabase;
  let dataSource: DataSource;
  const transport = new InProcessTransport();
  const backbones: EventBackbone[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase('onedoor_tracing');
    for (const schema of ['tracing_a', 'tracing_b']) {
      const ds = createBlockDataSource({ url: db.url, schema, migrations: [createPlatformTablesMigration(schema)] });
      await migrateBlock(ds, schema);
      const { logger } = memoryLogger(schema);
      const backbone = new EventBackbone({
        block: schema === 'tracing_a' ? 'registration' : 'workflow',
        schema,
        dataSource: ds,
        transport,
        logger,
        registry: createMetricsRegistry(schema),
        group: `onedoor.${schema}`,
      });
      backbone.on(ProbeSent, async () => undefined);
      backbones.push(backbone);
      if (schema === 'tracing_a') dataSource = ds;
    }
    for (const backbone of backbones) {
      await backbone.start();
      await backbone.untilConnected();
    }
  });

  afterAll(async () => {
    for (const backbone of backbones) await backbone.stop();
    await transport.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('makes the consumers’ spans children of the event’s creation, inside the request’s trace', async () => {
    const payload: ProbeSentPayload = {
      probeId: randomUUID(),
      origin: 'registration',
      sentAt: new Date().toISOString(),
    };
    const traceId = await inSpan('POST /registration/diagnostics/probes', { kind: SpanKind.SERVER }, async (span) => {
      await dataSource.transaction((manager) => backbones[0].publisher.publish(manager, ProbeSent, payload));
      return span.spanContext().traceId;
    });
    const spans = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    await waitFor(
      'both consumers to process the event',
      () => spans().filter((s) => s.kind === SpanKind.CONSUMER).length === 2,
    );

    const request = spans().find((s) => s.kind === SpanKind.SERVER)!;
    const create = spans().find((s) => s.kind === SpanKind.PRODUCER)!;
    const consumers = spans().filter((s) => s.kind === SpanKind.CONSUMER);
    expect(create.name).toBe(`${ProbeSent.type} create`);
    expect(create.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    for (const consumer of consumers) {
      expect(consumer.parentSpanContext?.spanId).toBe(create.spanContext().spanId);
      expect(consumer.attributes['messaging.consumer.group.name']).toMatch(/^onedoor\.tracing_[ab]$/);
    }
  });
});
