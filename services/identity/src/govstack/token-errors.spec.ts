import { govstackTokenError } from './token-errors';

describe("the token endpoint's errors in GovStack's codes", () => {
  it.each([
    ['invalid_client', 'client authentication failed', {}, 'invalid_assertion'],
    [
      'invalid_client',
      'unsupported client_assertion_type',
      { client_assertion_type: 'urn:x' },
      'invalid_assertion_type',
    ],
    ['invalid_grant', 'grant request is invalid', {}, 'invalid_transaction'],
    ['invalid_grant', 'grant request is invalid (redirect_uri mismatch)', {}, 'invalid_redirect_uri'],
    ['invalid_request', "missing required parameter 'code'", {}, 'invalid_request'],
    ['invalid_request', 'client_assertion_type must be jwt-bearer', {}, 'invalid_assertion_type'],
    ['unsupported_grant_type', 'unsupported grant_type requested (password)', {}, 'invalid_input'],
    ['server_error', 'oops', {}, 'unknown_error'],
    ['something_new', '', {}, 'invalid_request'],
  ])('%s (%s) is %s', (error, description, params, expected) => {
    expect(govstackTokenError(error, description, params)).toBe(expected);
  });
});
