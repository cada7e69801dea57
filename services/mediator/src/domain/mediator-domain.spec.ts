import { EVENT_CATALOGUE } from '@onedoor/contracts';
import { backoffSeconds, MAX_FAILURES, pushAddressAllowed } from './delivery';
import { OFFERED_EVENT_TYPES, offeredByType, offeredType, ROOMS } from './event-types';

describe('what the information mediator offers', () => {
  it('offers every block’s events but those carrying sealed secrets and the platform’s probe, named in their room', () => {
    const sealed = EVENT_CATALOGUE.filter((c) => 'sealed' in ((c.schema.properties as object | undefined) ?? {}));
    expect(sealed.map((c) => c.type).sort()).toEqual([
      'la.gov.onedoor.feedback.submitter-notice.requested.v1',
      'la.gov.onedoor.identity.one-time-code.requested.v2',
    ]);
    for (const contract of sealed) expect(offeredByType(contract.type)).toBeUndefined();
    expect(offeredByType('la.gov.onedoor.platform.probe.sent.v1')).toBeUndefined();
    expect(OFFERED_EVENT_TYPES).toHaveLength(EVENT_CATALOGUE.length - sealed.length - 1);
    expect(ROOMS).toEqual(expect.arrayContaining(['identity', 'registration', 'messaging', 'workflow', 'feedback']));
    expect(offeredType('registration', 'application.status-changed.v1')?.contract.type).toBe(
      'la.gov.onedoor.registration.application.status-changed.v1',
    );
    expect(offeredType('identity', 'application.status-changed.v1')).toBeUndefined();
  });
});

describe('PUSH delivery', () => {
  it('backs off 2, 4, 8 … seconds, at most ten minutes, and pauses after eight failures', () => {
    expect([1, 2, 3, 4, 9, 10, 20].map(backoffSeconds)).toEqual([2, 4, 8, 16, 512, 600, 600]);
    expect(MAX_FAILURES).toBe(8);
  });

  it('sends only to https, or to http on this machine, and never with credentials in the address', () => {
    expect(pushAddressAllowed('https://events.mof.gov.la/onedoor')).toBe(true);
    expect(pushAddressAllowed('http://127.0.0.1:8080/events')).toBe(true);
    expect(pushAddressAllowed('http://localhost/events')).toBe(true);
    expect(pushAddressAllowed('http://10.0.0.8/events')).toBe(false);
    expect(pushAddressAllowed('https://user:pass@events.mof.gov.la/')).toBe(false);
    expect(pushAddressAllowed('ftp://events.mof.gov.la/')).toBe(false);
    expect(pushAddressAllowed('not a url')).toBe(false);
  });
});
