/**
 * /etc/subuid and /etc/subgid: which ranges a user has, and a free range for one who has none.
 * rootlesskit maps container uids 1..n onto these ranges, so without one an image whose files
 * belong to uid 1 or above cannot be unpacked. Pure: the files' text comes in.
 *
 * The free range starts at 100000 and steps by 65536, as Debian's useradd assigns them, and
 * overlaps no range in either file, so two users never share host uids.
 */

export interface SubidRange {
  /** A user name or a numeric uid, as the file may hold either. */
  readonly owner: string;
  readonly start: number;
  readonly count: number;
}

export const SUBID_COUNT = 65536;
const FIRST_SUBID = 100000;

export function parseSubidFile(text: string): SubidRange[] {
  const ranges: SubidRange[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [owner, start, count] = trimmed.split(':');
    if (owner === undefined || !/^\d+$/.test(start ?? '') || !/^\d+$/.test(count ?? '')) continue;
    ranges.push({ owner, start: Number(start), count: Number(count) });
  }
  return ranges;
}

/** The ranges that belong to a user, named either way. */
export function rangesOf(ranges: readonly SubidRange[], user: { name: string; uid: number }): SubidRange[] {
  return ranges.filter((range) => range.owner === user.name || range.owner === String(user.uid));
}

export function totalCount(ranges: readonly SubidRange[]): number {
  return ranges.reduce((sum, range) => sum + range.count, 0);
}

/** The lowest start at or above 100000, on Debian's 65536 grid, whose range overlaps none taken. */
export function pickFreeRange(
  taken: readonly SubidRange[],
  count = SUBID_COUNT,
): { start: number; count: number } {
  let start = FIRST_SUBID;
  for (;;) {
    const end = start + count;
    const overlapping = taken.filter((range) => range.start < end && start < range.start + range.count);
    if (overlapping.length === 0) return { start, count };
    const pastAll = Math.max(...overlapping.map((range) => range.start + range.count));
    start = FIRST_SUBID + Math.ceil((pastAll - FIRST_SUBID) / SUBID_COUNT) * SUBID_COUNT;
  }
}
