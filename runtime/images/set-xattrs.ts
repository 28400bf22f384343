/**
 * Sets extended attributes on files of an unpacked layer. Node has no xattr call, so this writes
 * the list in getfattr's dump format and hands it to one `setfattr --restore` run (Debian's `attr`
 * package), whatever the count: one process per layer, not one per file. `-h` keeps setfattr
 * from following symlinks; the writer only lists folders and regular files it created itself.
 *
 * Why xattrs at all: overlay's opaque folders. In a user namespace the kernel lets us set only
 * `user.*` attributes, and native overlay reads `user.overlay.opaque` only when mounted with the
 * `userxattr` option (kernel 5.11+); fuse-overlayfs reads it always. So the layer writer sets
 * `user.overlay.opaque=y`, and the storage side must mount native overlay with `userxattr`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface XattrAssignment {
  /** Relative to the folder given to `setXattrs`. */
  path: string;
  name: string;
  value: Buffer;
}

/** getfattr's dump format: `# file: path` then `name=0x<hex>` lines, a blank line between files. */
export function formatXattrDump(assignments: readonly XattrAssignment[]): string {
  return assignments
    .map((a) => `# file: ${escapeDumpPath(a.path)}\n${a.name}=0x${a.value.toString('hex')}\n`)
    .join('\n');
}

/** getfattr escapes a path's backslashes, '=', spaces, control characters and non-ASCII bytes as `\ooo`. */
function escapeDumpPath(path: string): string {
  let out = '';
  for (const byte of Buffer.from(path, 'utf8')) {
    out +=
      byte === 0x5c || byte === 0x3d || byte < 0x21 || byte > 0x7e
        ? `\\${byte.toString(8).padStart(3, '0')}`
        : String.fromCharCode(byte);
  }
  return out;
}

/** Applies `assignments` under `root`; throws with setfattr's message when any fails. */
export async function setXattrs(
  root: string,
  assignments: readonly XattrAssignment[],
  scratchDir = tmpdir(),
): Promise<void> {
  if (assignments.length === 0) return;
  const dump = join(scratchDir, `tscompose-xattrs-${randomBytes(6).toString('hex')}`);
  await writeFile(dump, formatXattrDump(assignments), { mode: 0o600 });
  try {
    await run('setfattr', ['-h', `--restore=${dump}`], { cwd: root });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'setfattr is missing: install Debian\'s "attr" package (needed to mark overlay opaque folders)'
        : `setting extended attributes failed: ${stderr || String(error)}`,
      { cause: error },
    );
  } finally {
    await rm(dump, { force: true });
  }
}
