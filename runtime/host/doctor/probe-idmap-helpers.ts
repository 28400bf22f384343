/** Finds newuidmap and newgidmap and reads their setuid bit and, when getcap exists, their capabilities. */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { findProgram } from '../find-program.js';
import type { IdmapHelperFacts } from './check-idmap-helpers.js';

export async function probeIdmapHelpers(
  env: Readonly<Record<string, string | undefined>>,
): Promise<IdmapHelperFacts[]> {
  const getcap = findProgram('getcap', env);
  return Promise.all(
    (['newuidmap', 'newgidmap'] as const).map(async (name) => {
      const path = findProgram(name, env);
      if (path === undefined) return { name, path, setuidRoot: false, capabilities: undefined };
      const stat = statSync(path);
      const setuidRoot = stat.uid === 0 && (stat.mode & 0o4000) !== 0;
      return {
        name,
        path,
        setuidRoot,
        capabilities: getcap === undefined ? undefined : await capabilitiesOf(getcap, path),
      };
    }),
  );
}

function capabilitiesOf(getcap: string, path: string): Promise<string> {
  return new Promise((resolve) => {
    // getcap prints nothing for a file without capabilities, and "<path> cap_x=ep" otherwise.
    execFile(getcap, [path], { timeout: 5_000 }, (error, stdout) =>
      resolve(error === null ? stdout.trim() : ''),
    );
  });
}
