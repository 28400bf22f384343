/** checkIdmapHelpers: newuidmap and newgidmap present and setuid root or file-capable. */
import { describe, expect, it } from 'vitest';
import {
  checkIdmapHelpers,
  type IdmapHelperFacts,
} from '../../../../runtime/host/doctor/check-idmap-helpers.js';

const uid = (facts: Partial<IdmapHelperFacts>): IdmapHelperFacts => ({
  name: 'newuidmap',
  path: '/usr/bin/newuidmap',
  setuidRoot: true,
  capabilities: '',
  ...facts,
});
const gid = (facts: Partial<IdmapHelperFacts>): IdmapHelperFacts => ({
  name: 'newgidmap',
  path: '/usr/bin/newgidmap',
  setuidRoot: true,
  capabilities: '',
  ...facts,
});

describe('checkIdmapHelpers', () => {
  it.each([
    { name: 'both setuid root (Debian)', helpers: [uid({}), gid({})], expected: { status: 'ok' } },
    {
      name: 'file capabilities instead (Fedora)',
      helpers: [
        uid({ setuidRoot: false, capabilities: '/usr/bin/newuidmap cap_setuid=ep' }),
        gid({ setuidRoot: false, capabilities: '/usr/bin/newgidmap cap_setgid=ep' }),
      ],
      expected: { status: 'ok' },
    },
    {
      name: 'not installed',
      helpers: [uid({ path: undefined }), gid({ path: undefined })],
      expected: {
        status: 'fail',
        detail: 'newuidmap, newgidmap not installed',
        fix: 'sudo apt-get install -y uidmap',
      },
    },
    {
      name: 'setuid bit lost',
      helpers: [uid({ setuidRoot: false }), gid({})],
      expected: { status: 'fail', fix: 'sudo chmod u+s /usr/bin/newuidmap' },
    },
    {
      name: 'the wrong capability',
      helpers: [uid({}), gid({ setuidRoot: false, capabilities: '/usr/bin/newgidmap cap_setuid=ep' })],
      expected: { status: 'fail', fix: 'sudo chmod u+s /usr/bin/newgidmap' },
    },
  ])('$name', ({ helpers, expected }) => {
    expect(checkIdmapHelpers(helpers)).toMatchObject({ name: 'newuidmap/newgidmap', ...expected });
  });
});
