/** Reads /etc/subuid, /etc/subgid and who we are. */
import { userInfo } from 'node:os';
import type { SubidFacts } from './check-subid-ranges.js';
import { readOptionalFile } from './read-optional-file.js';

export function probeSubidRanges(): SubidFacts {
  const me = userInfo();
  return {
    user: { name: me.username, uid: me.uid },
    subuid: readOptionalFile('/etc/subuid'),
    subgid: readOptionalFile('/etc/subgid'),
  };
}
