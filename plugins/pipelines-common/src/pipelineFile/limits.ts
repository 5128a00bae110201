/**
 * Largest pipeline file accepted, in bytes (1 MiB). Bigger files are
 * rejected before they are parsed.
 *
 * @public
 */
export const MAX_PIPELINE_FILE_BYTES = 1024 * 1024;

/**
 * Most jobs one run may have once every matrix is expanded.
 *
 * @public
 */
export const MAX_JOBS_PER_RUN = 256;

/** Deepest nesting of YAML maps and lists, aliases included. */
export const MAX_NESTING_DEPTH = 64;

/** Most YAML aliases (`*name`) a file may use. */
export const MAX_YAML_ALIASES = 1000;

/** Most nodes that aliases may add when they are expanded. */
export const MAX_ALIAS_EXPANSION = 10_000;

/** Most combinations of a matrix's axes before `exclude` applies. */
export const MAX_MATRIX_COMBINATIONS = 4096;

/** Most problems reported for one file. */
export const MAX_PROBLEMS = 1000;

/** Default and maximum of a job's `timeout-minutes` (one day at most). */
export const DEFAULT_JOB_TIMEOUT_MINUTES = 60;
export const MAX_TIMEOUT_MINUTES = 1440;

/** Most attempts after the first that a job may ask for. */
export const MAX_RETRIES = 5;

/** Names of jobs, inputs and matrix axes. */
export const NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

/** Names of environment variables and secrets. */
export const ENV_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
