/**
 * Are newuidmap and newgidmap installed and privileged? rootlesskit calls them to write the
 * namespace's uid and gid maps from /etc/subuid and /etc/subgid, which only a setuid-root program
 * (Debian's way) or one with file capabilities (Fedora's way) may do. Pure: the stat facts come in.
 */
import type { CheckResult } from './check-result.js';

export interface IdmapHelperFacts {
  readonly name: 'newuidmap' | 'newgidmap';
  /** Absolute path, or undefined when not installed. */
  readonly path: string | undefined;
  readonly setuidRoot: boolean;
  /** `getcap`'s answer for the file ('' when none, undefined when getcap is missing). */
  readonly capabilities: string | undefined;
}

const NAME = 'newuidmap/newgidmap';

export function checkIdmapHelpers(helpers: readonly IdmapHelperFacts[]): CheckResult {
  const missing = helpers.filter((helper) => helper.path === undefined);
  if (missing.length > 0) {
    return {
      name: NAME,
      status: 'fail',
      detail: `${missing.map((helper) => helper.name).join(', ')} not installed`,
      fix: 'sudo apt-get install -y uidmap',
    };
  }
  const unprivileged = helpers.filter((helper) => !isPrivileged(helper));
  if (unprivileged.length > 0) {
    return {
      name: NAME,
      status: 'fail',
      detail: `${unprivileged.map((helper) => helper.path).join(', ')}: neither setuid root nor capable of it`,
      fix: `sudo chmod u+s ${unprivileged.map((helper) => helper.path).join(' ')}`,
    };
  }
  return {
    name: NAME,
    status: 'ok',
    detail: helpers
      .map((helper) => `${helper.path} ${helper.setuidRoot ? 'setuid root' : helper.capabilities}`)
      .join(', '),
  };
}

function isPrivileged(helper: IdmapHelperFacts): boolean {
  if (helper.setuidRoot) return true;
  const needed = helper.name === 'newuidmap' ? 'cap_setuid' : 'cap_setgid';
  return helper.capabilities?.includes(needed) ?? false;
}
