import { startTracing } from '@onedoor/observability';

// Imported first by main.ts: OpenTelemetry must patch http before NestJS loads it.
startTracing({ serviceName: 'onedoor-feedback' });
