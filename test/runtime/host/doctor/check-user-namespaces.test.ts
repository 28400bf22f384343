/** checkUserNamespaces: each kernel knob that forbids user namespaces, and the real attempt. */
import { describe, expect, it } from 'vitest';
import {
  checkUserNamespaces,
  type UserNamespaceFacts,
} from '../../../../runtime/host/doctor/check-user-namespaces.js';

const open: UserNamespaceFacts = {
  unprivilegedUsernsClone: undefined,
  maxUserNamespaces: '63456\n',
  apparmorRestrict: undefined,
  unshare: { kind: 'ok' },
};

describe('checkUserNamespaces', () => {
  it.each<{ name: string; facts: Partial<UserNamespaceFacts>; expected: object }>([
    {
      name: 'upstream kernel, enabled',
      facts: {},
      expected: { status: 'ok', detail: 'enabled (max_user_namespaces=63456)' },
    },
    { name: "Debian's knob on", facts: { unprivilegedUsernsClone: '1\n' }, expected: { status: 'ok' } },
    {
      name: "Debian's knob off",
      facts: { unprivilegedUsernsClone: '0\n' },
      expected: {
        status: 'fail',
        detail: 'kernel.unprivileged_userns_clone is 0',
        fix: "echo 'kernel.unprivileged_userns_clone=1' | sudo tee -a /etc/sysctl.d/90-tscompose.conf && sudo sysctl -w kernel.unprivileged_userns_clone=1",
      },
    },
    {
      name: 'no user namespaces allowed',
      facts: { maxUserNamespaces: '0\n' },
      expected: { status: 'fail', detail: 'user.max_user_namespaces is 0' },
    },
    {
      name: "Ubuntu's AppArmor restriction",
      facts: { apparmorRestrict: '1\n' },
      expected: {
        status: 'fail',
        fix: expect.stringContaining('kernel.apparmor_restrict_unprivileged_userns=0'),
      },
    },
    { name: 'AppArmor restriction off', facts: { apparmorRestrict: '0\n' }, expected: { status: 'ok' } },
    {
      name: 'knobs fine but unshare fails',
      facts: {
        unshare: {
          kind: 'failed',
          error: 'unshare: write failed /proc/self/uid_map: Operation not permitted',
        },
      },
      expected: {
        status: 'fail',
        detail: 'unshare --user failed: unshare: write failed /proc/self/uid_map: Operation not permitted',
      },
    },
  ])('$name', ({ facts, expected }) => {
    expect(checkUserNamespaces({ ...open, ...facts })).toMatchObject({
      name: 'user namespaces',
      ...expected,
    });
  });
});
