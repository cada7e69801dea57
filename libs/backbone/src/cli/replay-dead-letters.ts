/**
 * npm run dlq:replay -- --group onedoor.workflow [--dry-run] [--limit N] [--reason handler-failed]
 * Needs KAFKA_BROKERS. Fix the cause first: a replayed event that still fails goes back to dead letters.
 */
import { parseArgs } from 'node:util';
import { replayDeadLetters } from '../dead-letter-replay';

const USAGE =
  'usage: KAFKA_BROKERS=host:port npm run dlq:replay -- --group <consumer group> [--dry-run] [--limit N] [--reason R]';

async function main() {
  const { values } = parseArgs({
    options: {
      group: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      limit: { type: 'string' },
      reason: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (!values.group || brokers.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const replayed = await replayDeadLetters({
    brokers,
    group: values.group,
    dryRun: values['dry-run'],
    limit: values.limit ? Number(values.limit) : undefined,
    reason: values.reason,
  });
  for (const letter of replayed) console.log(JSON.stringify(letter));
  console.log(
    `${values['dry-run'] ? 'would replay' : 'replayed'} ${replayed.length} dead letter(s) of ${values.group}`,
  );
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
