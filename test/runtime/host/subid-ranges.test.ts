/** /etc/subuid parsing, a user's ranges, and a free range that overlaps nobody's. */
import { describe, expect, it } from 'vitest';
import { parseSubidFile, pickFreeRange, rangesOf, totalCount } from '../../../runtime/host/subid-ranges.js';

describe('parseSubidFile', () => {
  it('reads name:start:count lines and skips comments, blanks and damaged lines', () => {
    const text = '# comment\nann:100000:65536\n\n1001:165536:65536\nbroken:x:1\nshort:5\n';
    expect(parseSubidFile(text)).toEqual([
      { owner: 'ann', start: 100000, count: 65536 },
      { owner: '1001', start: 165536, count: 65536 },
    ]);
  });
});

describe('rangesOf', () => {
  const ranges = parseSubidFile('ann:100000:65536\n1000:300000:1000\nbob:165536:65536\n');
  it.each([
    { name: 'by name and by uid', user: { name: 'ann', uid: 1000 }, total: 66536 },
    { name: 'by name only', user: { name: 'bob', uid: 1001 }, total: 65536 },
    { name: 'none', user: { name: 'root', uid: 0 }, total: 0 },
  ])('$name', ({ user, total }) => {
    expect(totalCount(rangesOf(ranges, user))).toBe(total);
  });
});

describe('pickFreeRange', () => {
  it.each([
    { name: 'empty files: 100000', taken: '', start: 100000 },
    { name: 'after Debian useradd ranges', taken: 'a:100000:65536\nb:165536:65536', start: 231072 },
    { name: 'fills a gap on the grid', taken: 'a:100000:65536\nc:231072:65536', start: 165536 },
    { name: 'an odd range pushes to the next grid step', taken: 'a:100000:70000', start: 231072 },
    { name: 'a range far above leaves the low one free', taken: 'x:1000000:65536', start: 100000 },
    { name: 'a range below 100000 does not matter', taken: 'x:10000:50000', start: 100000 },
    { name: 'a range straddling 100000', taken: 'x:90000:20000', start: 165536 },
  ])('$name', ({ taken, start }) => {
    expect(pickFreeRange(parseSubidFile(taken))).toEqual({ start, count: 65536 });
  });
});
