/**
 * Can this user create user namespaces? Three kernel knobs can forbid it (Debian's
 * unprivileged_userns_clone, user.max_user_namespaces, Ubuntu's AppArmor restriction), and a real
 * `unshare --user` says whether anything else does. Pure: the knob values and the attempt come in.
 */
import type { CheckResult } from './check-result.js';

export interface UserNamespaceFacts {
  /** /proc/sys/kernel/unprivileged_userns_clone, undefined where the kernel lacks it (upstream). */
  readonly unprivilegedUsernsClone: string | undefined;
  /** /proc/sys/user/max_user_namespaces. */
  readonly maxUserNamespaces: string | undefined;
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns (Ubuntu 23.10+). */
  readonly apparmorRestrict: string | undefined;
  /** Outcome of `unshare --user --map-root-user true`. */
  readonly unshare: { kind: 'ok' } | { kind: 'failed'; error: string };
}

const NAME = 'user namespaces';

export function checkUserNamespaces(facts: UserNamespaceFacts): CheckResult {
  if (facts.unprivilegedUsernsClone?.trim() === '0') {
    return fail(
      'kernel.unprivileged_userns_clone is 0',
      persistSysctl('kernel.unprivileged_userns_clone', '1'),
    );
  }
  if (facts.maxUserNamespaces?.trim() === '0') {
    return fail('user.max_user_namespaces is 0', persistSysctl('user.max_user_namespaces', '28633'));
  }
  if (facts.apparmorRestrict?.trim() === '1') {
    return fail(
      'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1)',
      persistSysctl('kernel.apparmor_restrict_unprivileged_userns', '0'),
    );
  }
  if (facts.unshare.kind === 'failed') {
    return { name: NAME, status: 'fail', detail: `unshare --user failed: ${facts.unshare.error}` };
  }
  const max = facts.maxUserNamespaces?.trim();
  return {
    name: NAME,
    status: 'ok',
    detail: max === undefined ? 'enabled' : `enabled (max_user_namespaces=${max})`,
  };
}

function fail(detail: string, fix: string): CheckResult {
  return { name: NAME, status: 'fail', detail, fix };
}

/** Set now and after every reboot. */
function persistSysctl(key: string, value: string): string {
  return `echo '${key}=${value}' | sudo tee -a /etc/sysctl.d/90-tscompose.conf && sudo sysctl -w ${key}=${value}`;
}
