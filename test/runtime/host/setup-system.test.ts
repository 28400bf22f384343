/**
 * scripts/setup-system.sh, sourced into bash so each function runs alone on files of the test's
 * own: subordinate ranges are added once, never twice, and overlap nobody's; an ordinary user
 * who lacks a package is told the exact sudo command and the script fails.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { findTestUser, REPO_ROOT } from './test-user.js';

const run = promisify(execFile);
const SCRIPT = join(REPO_ROOT, 'scripts', 'setup-system.sh');

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function ensureRanges(user: string, subuid: string | undefined, subgid: string | undefined) {
  dir = mkdtempSync(join(tmpdir(), 'tsc-subid-'));
  const files = { subuid: join(dir, 'subuid'), subgid: join(dir, 'subgid') };
  if (subuid !== undefined) writeFileSync(files.subuid, subuid);
  if (subgid !== undefined) writeFileSync(files.subgid, subgid);
  const script = `. "${SCRIPT}"; ensure_subid_ranges "$1" "$2" "$3"; ensure_subid_ranges "$1" "$2" "$3"`;
  await run('bash', ['-c', script, 'test', user, files.subuid, files.subgid]);
  return { subuid: readFileSync(files.subuid, 'utf8'), subgid: readFileSync(files.subgid, 'utf8') };
}

describe('ensure_subid_ranges (run twice each time)', () => {
  it.each([
    {
      name: 'no files: the first grid step, in both',
      subuid: undefined,
      subgid: undefined,
      expected: { subuid: 'root:100000:65536\n', subgid: 'root:100000:65536\n' },
    },
    {
      name: "past another user's range (as Debian's useradd wrote it)",
      subuid: 'ann:100000:65536\n',
      subgid: 'ann:100000:65536\n',
      expected: {
        subuid: 'ann:100000:65536\nroot:165536:65536\n',
        subgid: 'ann:100000:65536\nroot:165536:65536\n',
      },
    },
    {
      name: 'a range in either file counts as taken, so uids and gids match',
      subuid: 'ann:100000:65536\n',
      subgid: 'ann:100000:65536\nbob:165536:65536\n',
      expected: {
        subuid: 'ann:100000:65536\nroot:231072:65536\n',
        subgid: 'ann:100000:65536\nbob:165536:65536\nroot:231072:65536\n',
      },
    },
    {
      name: 'an existing range, by name or by uid, is kept and not doubled',
      subuid: 'root:500000:65536\n',
      subgid: '0:500000:65536\n',
      expected: { subuid: 'root:500000:65536\n', subgid: '0:500000:65536\n' },
    },
  ])('$name', async ({ subuid, subgid, expected }) => {
    expect(await ensureRanges('root', subuid, subgid)).toEqual(expected);
  });
});

const user = await findTestUser();

describe.skipIf(user.kind === 'unavailable')('install_packages as an ordinary user', () => {
  it('prints the exact sudo command for what is missing and fails', async () => {
    const script = `. "${SCRIPT}"; PROGRAMS=(tscompose-no-such-program:tscompose-no-such-package); STATIC_PACKAGES=(); install_packages`;
    const command =
      user.kind === 'other'
        ? ['runuser', '-u', user.name, '--', 'bash', '-c', script]
        : ['bash', '-c', script];
    const outcome = await run(command[0] ?? 'bash', command.slice(1)).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(outcome).toEqual({
      code: 1,
      stderr:
        'tscompose needs these Debian packages: tscompose-no-such-package\n' +
        'run: sudo apt-get install -y --no-install-recommends tscompose-no-such-package\n',
    });
  });
});
