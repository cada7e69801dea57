import { AsyncLocalStorage } from 'node:async_hooks';

/** What holds back effects until its transaction has committed (a request's unit of work, in persistence). */
export interface CommitScope {
  /** Runs `effect` once committed, or at once when there is nothing to wait for. */
  afterCommit(effect: () => void): void;
}

const scope = new AsyncLocalStorage<CommitScope>();

/** Runs `work` with `commit` as the scope that `afterCommit` defers to. */
export function withinCommitScope<T>(commit: CommitScope, work: () => T): T {
  return scope.run(commit, work);
}

/**
 * Runs `effect` once the calling request's unit of work has committed, or at once outside one: for what must
 * see committed rows (waking a loop that looks for them).
 */
export function afterCommit(effect: () => void): void {
  const commit = scope.getStore();
  if (commit) commit.afterCommit(effect);
  else effect();
}
