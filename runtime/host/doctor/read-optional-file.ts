/** A file's text, or undefined when it does not exist (a sysctl this kernel lacks, a missing /etc/subuid). */
import { readFileSync } from 'node:fs';

export function readOptionalFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
