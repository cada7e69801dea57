import { RegistrationErrorCode as Code } from '../../domain';
import { citizen, refusal, registrationTestBed, serviceToApplyFor } from '../../../test/use-case-harness';
import { TrackApplication } from './track-application.command';
import { TrackApplicationHandler } from './track-application.handler';

const bed = registrationTestBed(async (uc) => ({
  track: new TrackApplicationHandler(uc.reads, uc.attempts),
  ...(await serviceToApplyFor(uc)),
}));

describe('tracking an application without a login', () => {
  it('shows status and history to whoever has the code and the phone digits', async () => {
    const { trackingCode } = await bed.apply(citizen(), { phone: '020 5555 7788' });
    const seen = await bed.track.execute(
      TrackApplication.create({ code: trackingCode.toLowerCase(), phone: '7788', clientAddress: '10.0.0.1' }),
    );
    expect(seen).toMatchObject({
      trackingCode,
      status: 'PENDING',
      history: [expect.objectContaining({ action: 'submitted' })],
    });
    await refusal(
      bed.track.execute(TrackApplication.create({ code: trackingCode, phone: '0000', clientAddress: '10.0.0.1' })),
      Code.TRACKED_APPLICATION_NOT_FOUND,
    );
    await refusal(
      bed.track.execute(TrackApplication.create({ code: 'NOT-A-CODE', phone: '7788', clientAddress: '10.0.0.1' })),
      Code.BAD_TRACKING_CODE,
    );
    await refusal(
      bed.track.execute(TrackApplication.create({ code: trackingCode, clientAddress: '10.0.0.1' })),
      Code.VALIDATION_FAILED,
    );
  });

  it('stops a guesser after ten wrong tries from one address, even with the right answer', async () => {
    const { trackingCode } = await bed.apply(citizen(), { phone: '020 5555 4321' });
    for (let i = 0; i < 10; i++) {
      await refusal(
        bed.track.execute(
          TrackApplication.create({ code: trackingCode, phone: String(1000 + i), clientAddress: '10.9.9.9' }),
        ),
        Code.TRACKED_APPLICATION_NOT_FOUND,
      );
    }
    await refusal(
      bed.track.execute(TrackApplication.create({ code: trackingCode, phone: '4321', clientAddress: '10.9.9.9' })),
      Code.TOO_MANY_ATTEMPTS,
    );
  });
});
