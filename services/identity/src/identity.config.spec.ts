import { uinPolicyFromEnv } from './identity.config';

describe('the UIN policy settings', () => {
  it('reads its length and restricted numbers from the environment, and refuses a bad length', () => {
    expect(uinPolicyFromEnv({ IDENTITY_UIN_LENGTH: '12', IDENTITY_UIN_RESTRICTED: '2222, 3333' })).toEqual({
      length: 12,
      restricted: new Set(['2222', '3333']),
    });
    expect(uinPolicyFromEnv({}).length).toBe(10);
    expect(() => uinPolicyFromEnv({ IDENTITY_UIN_LENGTH: '4' })).toThrow(/8 to 16/);
  });
});
