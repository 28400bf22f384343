/**
 * Does the user have /etc/subuid and /etc/subgid ranges, big enough for ordinary images? With
 * none, rootlesskit maps only the user's own uid and every image with files owned by another uid
 * fails to unpack; with fewer than 65536, images using high uids (nobody is 65534) fail.
 * Pure: the two files' text and the user come in. The fix adds a range that overlaps nobody's.
 */
import { parseSubidFile, pickFreeRange, rangesOf, SUBID_COUNT, totalCount } from '../subid-ranges.js';
import type { CheckResult } from './check-result.js';

export interface SubidFacts {
  readonly user: { name: string; uid: number };
  /** The files' text; undefined when a file does not exist. */
  readonly subuid: string | undefined;
  readonly subgid: string | undefined;
}

const NAME = 'subuid/subgid ranges';

export function checkSubidRanges(facts: SubidFacts): CheckResult {
  const uidRanges = parseSubidFile(facts.subuid ?? '');
  const gidRanges = parseSubidFile(facts.subgid ?? '');
  const uids = totalCount(rangesOf(uidRanges, facts.user));
  const gids = totalCount(rangesOf(gidRanges, facts.user));
  const detail = `${facts.user.name}: ${uids} subordinate uids, ${gids} subordinate gids`;
  if (uids >= SUBID_COUNT && gids >= SUBID_COUNT) return { name: NAME, status: 'ok', detail };
  const free = pickFreeRange([...uidRanges, ...gidRanges]);
  const range = `${free.start}-${free.start + free.count - 1}`;
  const flags = [
    uids < SUBID_COUNT ? `--add-subuids ${range}` : '',
    gids < SUBID_COUNT ? `--add-subgids ${range}` : '',
  ]
    .filter((flag) => flag !== '')
    .join(' ');
  const fix = `sudo usermod ${flags} ${facts.user.name}`;
  if (uids === 0 || gids === 0) {
    return { name: NAME, status: 'fail', detail: `${detail}: images cannot be unpacked`, fix };
  }
  return {
    name: NAME,
    status: 'warn',
    detail: `${detail}: fewer than ${SUBID_COUNT}, some images will fail`,
    fix,
  };
}
