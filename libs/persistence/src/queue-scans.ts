/**
 * Select-list items that make the rest of the transaction plan with plain index scans: append them to a
 * statement the transaction runs anyway (`SELECT pg_try_advisory_xact_lock(…), ${QUEUE_SCANS}`), or run
 * `SELECT ${QUEUE_SCANS}` first.
 *
 * For tables polled as queues (the outbox, due messages, due timers). Each row a poll hands on leaves a dead
 * entry in the queue's partial index. A plain index scan marks such entries as it passes, so the next poll
 * skips them; a bitmap scan never marks them, and then every poll reads every row handled since the last
 * vacuum: on the outbox under load, 20,000 index entries per poll. The planner picks the bitmap scan when its
 * statistics say the queue is short, so it is told not to, for this transaction only. A statement prepared by
 * name (preparedQuery) keeps the plan it was first given, settings and all: run DEFAULT_SCANS before any.
 */
export const QUEUE_SCANS = `set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)`;

/** Undoes QUEUE_SCANS for the rest of the transaction (`SELECT ${DEFAULT_SCANS}`), when it goes on to other work. */
export const DEFAULT_SCANS = `(SELECT count(set_config(name, reset_val, true)) FROM pg_settings WHERE name IN ('enable_bitmapscan', 'enable_seqscan'))`;
