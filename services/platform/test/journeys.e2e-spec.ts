import { hotlineComplaint } from './journeys/hotline-complaint';
import { oneDoorApplication } from './journeys/one-door-application';
import { startJourneyPlatform, type JourneyPlatform, type Mode } from './journeys/platform';

/**
 * The two journeys that matter most, end to end through the five blocks as their users reach them: real sign-in
 * (a citizen's SMS code, officers' authenticators), messages received by a real SMTP server and an SMS gateway
 * double, every step asserted on what its user sees. Once with every block its own process on Kafka and
 * PostgreSQL, once embedded in one process.
 */
describe.each<Mode>(['distributed', 'embedded'])('the journeys, %s', (mode) => {
  let platform: JourneyPlatform;

  beforeAll(async () => {
    platform = await startJourneyPlatform(mode);
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
  });

  /** Runs a journey; when it fails, shows how far it got and what the platform logged. */
  async function run(journey: (platform: JourneyPlatform) => Promise<unknown>) {
    try {
      await journey(platform);
    } catch (error) {
      process.stdout.write(
        `\n--- ${mode}: the journey's steps ---\n${platform.steps().join('\n')}\n--- the platform's output ---\n${platform.output().slice(-6_000)}\n`,
      );
      throw error;
    }
  }

  it(
    'a one-door service centre application: published, applied for, sent back once, approved by three offices, rated',
    () => run(oneDoorApplication),
    300_000,
  );

  it(
    'a hotline complaint: Open311 and SMS, merged, routed, asked, founded, returned once, published, followed',
    () => run(hotlineComplaint),
    300_000,
  );
});
