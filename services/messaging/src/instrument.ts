import { settingsOrExit } from '@onedoor/config';
import { startTracing } from '@onedoor/observability';

// Imported first by main.ts: the configuration is checked before anything starts (a bad setting: one line each,
// exit 78), and OpenTelemetry must patch http before NestJS loads it.
const settings = settingsOrExit('onedoor-messaging', process.env, ['messaging']);
startTracing({ serviceName: settings.OTEL_SERVICE_NAME ?? 'onedoor-messaging' });
