/**
 * A wait of about `ms`, spread: half of it fixed, half random ("equal jitter"). Retries that failed together
 * (every consumer of a broker that went away, every replica of a block restarted at once) then come back spread
 * over the interval instead of in lockstep, and still wait at least half of it.
 */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms / 2 + (random() * ms) / 2);
}

/** The wait before retry `attempt` (0 first): `initialMs` doubling up to `maxMs`, with jitter (withJitter). */
export function backoffWithJitter(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  return withJitter(Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30)), random);
}
