import { startTracing } from '@onedoor/observability';

// Imported first by main.ts: OpenTelemetry must patch http before NestJS loads it.
startTracing({ serviceName: process.env.OTEL_SERVICE_NAME ?? 'onedoor-platform' });
