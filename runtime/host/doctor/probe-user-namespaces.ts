/** Reads the user-namespace knobs and tries `unshare --user --map-root-user true` for real. */
import { execFile } from 'node:child_process';
import { findProgram } from '../find-program.js';
import type { UserNamespaceFacts } from './check-user-namespaces.js';
import { readOptionalFile } from './read-optional-file.js';

export async function probeUserNamespaces(
  env: Readonly<Record<string, string | undefined>>,
): Promise<UserNamespaceFacts> {
  return {
    unprivilegedUsernsClone: readOptionalFile('/proc/sys/kernel/unprivileged_userns_clone'),
    maxUserNamespaces: readOptionalFile('/proc/sys/user/max_user_namespaces'),
    apparmorRestrict: readOptionalFile('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    unshare: await tryUnshare(env),
  };
}

function tryUnshare(
  env: Readonly<Record<string, string | undefined>>,
): Promise<UserNamespaceFacts['unshare']> {
  const unshare = findProgram('unshare', env);
  if (unshare === undefined)
    return Promise.resolve({ kind: 'failed', error: 'unshare (util-linux) is not installed' });
  return new Promise((resolve) => {
    execFile(
      unshare,
      ['--user', '--map-root-user', 'true'],
      { timeout: 10_000 },
      (error, _stdout, stderr) => {
        resolve(error === null ? { kind: 'ok' } : { kind: 'failed', error: stderr.trim() || error.message });
      },
    );
  });
}
