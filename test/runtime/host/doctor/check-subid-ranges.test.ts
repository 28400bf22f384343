/** checkSubidRanges: enough subordinate ids, too few, or none, with a non-overlapping fix. */
import { describe, expect, it } from 'vitest';
import { checkSubidRanges } from '../../../../runtime/host/doctor/check-subid-ranges.js';

const ann = { name: 'ann', uid: 1000 };

describe('checkSubidRanges', () => {
  it.each([
    {
      name: 'both ranges, by name',
      subuid: 'ann:100000:65536\n',
      subgid: 'ann:100000:65536\n',
      expected: { status: 'ok', detail: 'ann: 65536 subordinate uids, 65536 subordinate gids' },
    },
    {
      name: 'both ranges, by uid',
      subuid: '1000:100000:65536\n',
      subgid: '1000:100000:65536\n',
      expected: { status: 'ok' },
    },
    {
      name: 'no files at all: the first free range',
      subuid: undefined,
      subgid: undefined,
      expected: {
        status: 'fail',
        fix: 'sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ann',
      },
    },
    {
      name: "none for us: a range past everyone else's",
      subuid: 'bob:100000:65536\n',
      subgid: 'bob:100000:65536\ncarl:165536:65536\n',
      expected: {
        status: 'fail',
        fix: 'sudo usermod --add-subuids 231072-296607 --add-subgids 231072-296607 ann',
      },
    },
    {
      name: 'subuid only: the fix adds subgids alone',
      subuid: 'ann:100000:65536\n',
      subgid: '',
      expected: { status: 'fail', fix: 'sudo usermod --add-subgids 165536-231071 ann' },
    },
    {
      name: 'too small a range: a warning',
      subuid: 'ann:100000:1000\n',
      subgid: 'ann:100000:65536\n',
      expected: { status: 'warn', detail: expect.stringContaining('fewer than 65536') },
    },
  ])('$name', ({ subuid, subgid, expected }) => {
    expect(checkSubidRanges({ user: ann, subuid, subgid })).toMatchObject({
      name: 'subuid/subgid ranges',
      ...expected,
    });
  });
});
