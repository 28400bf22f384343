/**
 * Paths inside a rootfs resolved from the host side: symlinks in an image (absolute or full of
 * `..`) must not lead the engine outside the rootfs when it reads /etc/passwd or creates the
 * working directory.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirInRoot, readFileInRoot, resolveInRoot } from '../../../runtime/containers/rootfs-paths.js';

let base: string;
let root: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'tsc-rootfs-'));
  root = join(base, 'rootfs');
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'real'), { recursive: true });
  writeFileSync(join(base, 'outside'), 'host secret');
  writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\n');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('resolveInRoot', () => {
  it.each([
    { name: 'a plain path', link: undefined, path: '/etc/group', expected: '/etc/group' },
    { name: 'an absolute symlink stays inside', link: ['/real', 'abs'], path: '/abs/x', expected: '/real/x' },
    {
      name: 'dot-dot cannot climb above the root',
      link: ['../../../../outside', 'up'],
      path: '/up',
      expected: '/outside',
    },
    {
      name: 'a symlink to / is the rootfs',
      link: ['/', 'slash'],
      path: '/slash/etc/group',
      expected: '/etc/group',
    },
    { name: 'missing parts are kept', link: undefined, path: '/no/such/dir', expected: '/no/such/dir' },
  ])('$name', async ({ link, path, expected }) => {
    if (link) symlinkSync(link[0] as string, join(root, link[1] as string));
    expect(await resolveInRoot(root, path)).toBe(join(root, expected));
  });

  it('reads /etc/passwd through a hostile symlink from inside the rootfs only', async () => {
    symlinkSync('../../../../outside', join(root, 'etc', 'passwd'));
    expect(await readFileInRoot(root, '/etc/passwd')).toBe('');
    expect(await readFileInRoot(root, '/etc/group')).toBe('root:x:0:\n');
  });

  it('creates the working directory inside the rootfs even through an absolute symlink', async () => {
    symlinkSync(base, join(root, 'app'));
    await mkdirInRoot(root, '/app/work');
    expect(existsSync(join(base, 'work'))).toBe(false);
    expect(existsSync(join(root, base, 'work'))).toBe(true);
  });

  it('gives up on a symlink loop', async () => {
    symlinkSync('/loop', join(root, 'loop'));
    await expect(resolveInRoot(root, '/loop/x')).rejects.toThrow('too many levels of symbolic links');
  });
});
