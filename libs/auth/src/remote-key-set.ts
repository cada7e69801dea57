import { createLocalJWKSet, errors, type JSONWebKeySet, type JWSHeaderParameters, type FlattenedJWSInput } from 'jose';

/** The identity block's keys cannot be read now, and the token needs them: the answer is 503, not 401. */
export class KeySetUnavailableError extends Error {}

export interface RemoteKeySetOptions {
  /** Keys older than this are fetched again, in the background (default 10 minutes). */
  maxAgeMs?: number;
  /** At most one fetch in this long, however many unknown key ids arrive (default 30 s). */
  cooldownMs?: number;
  /** How long one fetch may take (default 5 s). */
  timeoutMs?: number;
  /** Told of each failed fetch (the last keys are kept). */
  onFetchFailed?(error: Error): void;
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;

/**
 * The identity block's published keys (JWKS at `url`), fetched and kept. Unlike jose's remote key set, which
 * fails every verification once its cache is stale and the URL does not answer, this one keeps the last keys it
 * read while the identity block is unreachable, for as long as that lasts: tokens signed with a known key verify
 * throughout (a withdrawn key is learnt when the keys can be read again). Stale keys are fetched again in the
 * background; a token whose key id is not known fetches them at once (a rotation), at most once per cooldown.
 * A token that needs keys that cannot be read (none read yet, or an unknown key id while the last fetch failed)
 * is refused with KeySetUnavailableError: the caller retries later; its token is not called invalid.
 */
export function remoteKeySet(url: URL, options: RemoteKeySetOptions = {}) {
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  let keys: LocalKeySet | undefined;
  let fetchedAt = 0;
  let triedAt = 0;
  let lastFailed = false;
  let pending: Promise<void> | undefined;

  const fetchKeys = () =>
    (pending ??= (async () => {
      triedAt = Date.now();
      try {
        const response = await fetch(url, {
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`the key set answered HTTP ${response.status}`);
        keys = createLocalJWKSet((await response.json()) as JSONWebKeySet);
        fetchedAt = Date.now();
        lastFailed = false;
      } catch (error) {
        lastFailed = true;
        options.onFetchFailed?.(error as Error);
        throw error;
      } finally {
        pending = undefined;
      }
    })());
  const unavailable = (error: unknown) =>
    new KeySetUnavailableError(`the identity block's keys cannot be read: ${(error as Error).message}`);

  return async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (!keys) await fetchKeys().catch((error) => Promise.reject(unavailable(error)));
    else if (Date.now() - fetchedAt > maxAgeMs && Date.now() - triedAt > cooldownMs) {
      fetchKeys().catch(() => undefined); // stale: the last keys serve until new ones arrive
    }
    try {
      return await keys!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      // A key id not known yet: a rotation; fetch now (or wait for a fetch under way), unless one was just tried.
      if (pending || Date.now() - triedAt > cooldownMs) {
        await fetchKeys().catch((failure) => Promise.reject(unavailable(failure)));
        return keys!(header, token);
      }
      if (lastFailed) throw unavailable(new Error('the last fetch failed'));
      throw error;
    }
  };
}
