/**
 * How many completed jobs, and how many failed jobs, a queue keeps after
 * they finish, so that {@link JobQueue.getJob} can still report them and a
 * re-add of their id is deduplicated. Older ones are dropped.
 */
export const KEEP_FINISHED_JOBS = 1000;

/** Default bound of the wait for running handlers on shutdown. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 20000;
