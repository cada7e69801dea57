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

  it('a one-door service centre application: published, applied for, sent back once, approved by three offices, rated', async () => {
    try {
      await oneDoorApplication(platform);
    } catch (error) {
      process.stdout.write(
        `\n--- ${mode}: the journey's steps ---\n${platform.steps().join('\n')}\n--- the platform's output ---\n${platform.output().slice(-6_000)}\n`,
      );
      throw error;
    }
  }, 300_000);
});
