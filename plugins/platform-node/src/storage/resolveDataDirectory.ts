import { Config } from '@backstage/config';
import { resolve } from 'node:path';

/**
 * Returns the absolute path of `golive.dataDirectory`, the folder of the
 * runtime data of the embedded default.
 *
 * @remarks
 *
 * A relative path is taken from the working directory of the backend. The
 * default is `data`.
 *
 * @public
 */
export function resolveDataDirectory(config: Config): string {
  return resolve(config.getOptionalString('golive.dataDirectory') ?? 'data');
}
