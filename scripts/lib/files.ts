import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes several files so that either all of them change or none does: every new content is
 * first written beside its target, then the renames happen only once all writes succeeded.
 */
export async function writeFilesTogether(files: ReadonlyMap<string, string>): Promise<void> {
  const staged: Array<[temporary: string, target: string]> = [];
  try {
    for (const [target, content] of files) {
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      staged.push([temporary, target]);
      await writeFile(temporary, content);
    }
  } catch (error) {
    await Promise.all(staged.map(([temporary]) => rm(temporary, { force: true })));
    throw error;
  }
  for (const [temporary, target] of staged) await rename(temporary, target);
}
