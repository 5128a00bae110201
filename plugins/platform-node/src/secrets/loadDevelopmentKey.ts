import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseEncryptionKey } from './parseEncryptionKey';

function hasCode(error: unknown, code: string): boolean {
  return (error as { code?: string } | undefined)?.code === code;
}

/**
 * Reads the development encryption key from `file`, creating the file with
 * a new random key (mode 0600) when it does not exist yet.
 *
 * @remarks
 *
 * The key is written to a temporary file that is then hard-linked into
 * place, so two processes starting at once agree on one key and neither
 * ever reads a half-written file.
 */
export async function loadDevelopmentKey(file: string): Promise<Buffer> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });

  const key = randomBytes(32);
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${key.toString('hex')}\n`, {
    flag: 'wx',
    mode: 0o600,
  });
  try {
    await link(temporary, file);
    return key;
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) {
      throw error;
    }
  } finally {
    await rm(temporary, { force: true });
  }

  return parseEncryptionKey(await readFile(file, 'utf8'), `The file ${file}`);
}
