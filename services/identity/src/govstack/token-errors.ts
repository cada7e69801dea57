/** GovStack's token endpoint error codes (Identity-Provider.yaml, POST /oauth/token, 400). */
export type GovStackTokenError =
  | 'invalid_transaction'
  | 'invalid_assertion'
  | 'invalid_redirect_uri'
  | 'invalid_input'
  | 'unknown_error'
  | 'invalid_request'
  | 'invalid_assertion_type';

/** Requests to the token endpoint at GovStack's base URL (ADR 0017): their errors are answered in its codes. */
export const GOVSTACK_TOKEN_PATH = /^\/identity\/govstack\/oauth\/token(\?|$)/;

/**
 * The code GovStack's document gives an OAuth error of the token endpoint: a client assertion that does not
 * authenticate is `invalid_assertion` (its type `invalid_assertion_type`); an authorization code that is unknown,
 * used or expired is `invalid_transaction`, one sent with another redirect URI `invalid_redirect_uri`; a grant type
 * or parameter the document does not take is `invalid_input`; the provider's own failure `unknown_error`.
 */
export function govstackTokenError(
  error: string,
  description = '',
  params: { client_assertion_type?: unknown } = {},
): GovStackTokenError {
  const about = description.toLowerCase();
  switch (error) {
    case 'invalid_client':
      return params.client_assertion_type !== undefined &&
        params.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
        ? 'invalid_assertion_type'
        : 'invalid_assertion';
    case 'invalid_grant':
      return about.includes('redirect_uri') ? 'invalid_redirect_uri' : 'invalid_transaction';
    case 'unsupported_grant_type':
    case 'invalid_scope':
    case 'invalid_target':
      return 'invalid_input';
    case 'server_error':
    case 'temporarily_unavailable':
      return 'unknown_error';
    case 'invalid_request':
      if (about.includes('client_assertion_type')) return 'invalid_assertion_type';
      if (about.includes('redirect_uri')) return 'invalid_redirect_uri';
      return 'invalid_request';
    default:
      return 'invalid_request';
  }
}
