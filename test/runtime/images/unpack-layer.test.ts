// Unpacking real tar layers into a folder, in overlay's form, and refusing hostile ones.
// Ownership is checked only when the test runs as uid 0 (root, or root of a user namespace):
// anyone else cannot chown, so the store runs with `ownership: 'ignore'` there.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../../runtime/images/image-errors.js';
import { LayerStore } from '../../../runtime/images/layer-store.js';
import type { OwnershipMode } from '../../../runtime/images/layer-writer.js';
import { unpackLayer } from '../../../runtime/images/unpack-layer.js';
import { buildTar, chunked, gzip, sha256, type TarEntry } from './layer-tar.js';

const isRoot = process.getuid?.() === 0;
const ownership: OwnershipMode = isRoot ? 'preserve' : 'ignore';
const T = new Date('2001-09-09T01:46:40Z');

let base: string;
let dest: string;
let scratch: string;
let outside: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'tscompose-unpack-'));
  dest = join(base, 'layer');
  scratch = join(base, 'scratch');
  outside = join(base, 'outside');
  for (const dir of [dest, scratch, outside]) mkdirSync(dir);
  writeFileSync(join(outside, 'file'), 'precious');
});

afterEach(async () => {
  execFileSync('chmod', ['-R', 'u+rwx', base]);
  await rm(base, { recursive: true, force: true });
});

const unpack = (bytes: Buffer) => unpackLayer(chunked(bytes), dest, { ownership, scratchDir: scratch });

describe('an ordinary layer', () => {
  const entries: TarEntry[] = [
    { name: './', type: 'directory', mode: 0o755, mtime: T },
    { name: 'etc/', type: 'directory', mode: 0o750, uid: 1000, gid: 1001, mtime: T },
    { name: 'etc/motd', content: 'hello\n', mode: 0o640, uid: 1000, gid: 1001, mtime: T },
    { name: 'bin/', type: 'directory', mode: 0o755 },
    { name: 'bin/su', content: 'x', mode: 0o4755 },
    { name: 'bin/sh', type: 'symlink', linkname: '/bin/busybox', mtime: T },
    { name: 'bin/hard', type: 'link', linkname: 'etc/motd' },
    { name: 'run/fifo', type: 'fifo', mode: 0o600 },
    { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 },
    { name: 'ro/', type: 'directory', mode: 0o555, mtime: T },
    { name: 'ro/inside', content: 'written into a read-only folder' },
    { name: 'var/.wh.cache', content: '' },
    { name: 'opt/app/.wh..wh..opq', content: '' },
    { name: 'opt/app/new', content: 'new' },
    { name: 'x/.wh..wh.plnk', content: '' },
  ];

  it('is written as the tar says, with overlay whiteouts', async () => {
    const tarBytes = await buildTar(entries);
    const result = await unpack(gzip(tarBytes));
    expect(result.diffId).toBe(sha256(tarBytes));
    expect(result.size).toBe('hello\n'.length + 1 + 'written into a read-only folder'.length + 3);

    expect(readFileSync(join(dest, 'etc/motd'), 'utf8')).toBe('hello\n');
    expect(statSync(join(dest, 'etc/motd')).mode & 0o7777).toBe(0o640);
    expect(statSync(join(dest, 'etc')).mode & 0o7777).toBe(0o750);
    expect(statSync(join(dest, 'etc/motd')).mtime).toEqual(T);
    expect(statSync(join(dest, 'etc')).mtime).toEqual(T);
    expect(statSync(join(dest, 'bin/su')).mode & 0o7777).toBe(0o4755);
    expect(readlinkSync(join(dest, 'bin/sh'))).toBe('/bin/busybox');
    expect(lstatSync(join(dest, 'bin/sh')).mtime).toEqual(T);
    expect(statSync(join(dest, 'bin/hard')).ino).toBe(statSync(join(dest, 'etc/motd')).ino);
    expect(lstatSync(join(dest, 'run/fifo')).isFIFO()).toBe(true);
    expect(lstatSync(join(dest, 'run/fifo')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dest, 'dev/null'))).toBe(false);
    expect(statSync(join(dest, 'ro')).mode & 0o7777).toBe(0o555);
    expect(statSync(join(dest, 'ro')).mtime).toEqual(T);

    const whiteout = lstatSync(join(dest, 'var/cache'));
    expect(whiteout.isCharacterDevice()).toBe(true);
    expect(whiteout.rdev).toBe(0);
    expect(readdirSync(join(dest, 'var'))).toEqual(['cache']);
    expect(readdirSync(join(dest, 'opt/app'))).toEqual(['new']);
    const xattr = execFileSync(
      'getfattr',
      ['--only-values', '-n', 'user.overlay.opaque', join(dest, 'opt/app')],
      {
        encoding: 'utf8',
      },
    );
    expect(xattr).toBe('y');
    expect(existsSync(join(dest, 'x/.wh..wh.plnk'))).toBe(false);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it.runIf(isRoot)('keeps owners (uid 0 only: chown needs it)', async () => {
    await unpack(await buildTar(entries));
    expect(statSync(join(dest, 'etc/motd'))).toMatchObject({ uid: 1000, gid: 1001 });
    expect(statSync(join(dest, 'etc'))).toMatchObject({ uid: 1000, gid: 1001 });
    expect(lstatSync(join(dest, 'bin/sh'))).toMatchObject({ uid: 0, gid: 0 });
  });

  it('gives the same diff id for the same tar, compressed or not', async () => {
    const tarBytes = await buildTar([{ name: 'a', content: 'a' }]);
    expect((await unpack(tarBytes)).diffId).toBe(sha256(tarBytes));
  });

  it('lets a later entry replace an earlier one, folder or not', async () => {
    await unpack(
      await buildTar([
        { name: 'a/b/c', content: 'deep' },
        { name: 'a', content: 'now a file' },
        { name: 'l', type: 'symlink', linkname: '/x' },
        { name: 'l', content: 'not a link any more' },
      ]),
    );
    expect(readFileSync(join(dest, 'a'), 'utf8')).toBe('now a file');
    expect(readFileSync(join(dest, 'l'), 'utf8')).toBe('not a link any more');
  });
});

describe('a hostile layer', () => {
  const outsideBefore = (): string[] => readdirSync(outside);

  it.each<{ name: string; entries: (outside: string) => TarEntry[]; error: string }>([
    {
      name: 'climbs out with ../',
      entries: () => [{ name: '../../x', content: 'x' }],
      error: 'points outside the layer',
    },
    {
      name: 'names an absolute path',
      entries: () => [{ name: '/abs', content: 'x' }],
      error: 'is an absolute path',
    },
    {
      name: 'writes through an absolute symlink',
      entries: (o) => [
        { name: 'evil', type: 'symlink', linkname: o },
        { name: 'evil/pwned', content: 'x' },
      ],
      error: 'written through a symlink',
    },
    {
      name: 'writes through a relative symlink',
      entries: () => [
        { name: 'evil', type: 'symlink', linkname: '../outside' },
        { name: 'evil/pwned', content: 'x' },
      ],
      error: 'written through a symlink',
    },
    {
      name: 'replaces a file through a symlink',
      entries: () => [
        { name: 'evil', type: 'symlink', linkname: '../outside' },
        { name: 'evil/file', content: 'overwritten' },
      ],
      error: 'written through a symlink',
    },
    {
      name: 'whites out through a symlink',
      entries: () => [
        { name: 'evil', type: 'symlink', linkname: '../outside' },
        { name: 'evil/.wh.file', content: '' },
      ],
      error: 'written through a symlink',
    },
    {
      name: 'marks a folder opaque through a symlink',
      entries: () => [
        { name: 'evil', type: 'symlink', linkname: '../outside' },
        { name: 'evil/.wh..wh..opq', content: '' },
      ],
      error: 'written through a symlink',
    },
    {
      name: 'hard-links a file outside the layer',
      entries: () => [{ name: 'passwd', type: 'link', linkname: '../outside/file' }],
      error: 'points outside the layer',
    },
    {
      name: 'hard-links an absolute path',
      entries: () => [{ name: 'passwd', type: 'link', linkname: '/etc/passwd' }],
      error: 'is an absolute path',
    },
    {
      name: 'hard-links through a symlink',
      entries: () => [
        { name: 'evil', type: 'symlink', linkname: '../outside' },
        { name: 'stolen', type: 'link', linkname: 'evil/file' },
      ],
      error: 'not a folder of this layer',
    },
    {
      name: 'hard-links a file the layer does not have',
      entries: () => [{ name: 'ghost', type: 'link', linkname: 'nothing' }],
      error: 'not a file of this layer',
    },
  ])('is refused when it $name', async ({ entries, error }) => {
    const before = outsideBefore();
    const attempt = unpack(gzip(await buildTar(entries(outside))));
    await expect(attempt).rejects.toThrow(ContentError);
    await expect(attempt).rejects.toThrow(error);
    expect(outsideBefore()).toEqual(before);
    expect(readFileSync(join(outside, 'file'), 'utf8')).toBe('precious');
  });

  it('is refused when its gzip stream is truncated', async () => {
    const bytes = gzip(await buildTar([{ name: 'big', content: 'x'.repeat(100_000) }]));
    await expect(unpack(bytes.subarray(0, bytes.length - 20))).rejects.toThrow('not a valid gzip stream');
  });

  it('is refused when its tar stream ends early', async () => {
    const bytes = await buildTar([{ name: 'big', content: 'x'.repeat(100_000) }]);
    await expect(unpack(bytes.subarray(0, 50_000))).rejects.toThrow('not a valid tar stream');
  });

  it('is refused, with a reason, when it is zstd', async () => {
    const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(100)]);
    await expect(unpack(zstd)).rejects.toThrow('zstd-compressed layers are not supported');
  });
});

describe('LayerStore', () => {
  it('keeps a layer only under the diff id the config promised', async () => {
    const store = new LayerStore(join(base, 'layers'), ownership);
    const tarBytes = await buildTar([{ name: 'a', content: 'a' }]);
    const wrong = sha256(Buffer.from('something else'));
    await expect(store.unpack(wrong, chunked(gzip(tarBytes)))).rejects.toThrow(
      `layer unpacks to ${sha256(tarBytes)}, but the image config says ${wrong}`,
    );
    expect(await store.list()).toEqual([]);
    expect(readdirSync(join(base, 'layers', 'tmp'))).toEqual([]);

    const info = await store.unpack(sha256(tarBytes), chunked(gzip(tarBytes)));
    expect(info).toEqual({ diffId: sha256(tarBytes), size: 1 });
    expect(await store.list()).toEqual([sha256(tarBytes)]);
    expect(readFileSync(join(store.diffDir(sha256(tarBytes)), 'a'), 'utf8')).toBe('a');
    await store.remove(sha256(tarBytes));
    expect(await store.list()).toEqual([]);
  });

  it('throws away a half-unpacked layer', async () => {
    const store = new LayerStore(join(base, 'layers'), ownership);
    const tarBytes = await buildTar([
      { name: 'a', content: 'a' },
      { name: '../escape', content: 'x' },
    ]);
    await expect(store.unpack(sha256(tarBytes), chunked(tarBytes))).rejects.toThrow(
      'points outside the layer',
    );
    expect(await store.list()).toEqual([]);
    expect(readdirSync(join(base, 'layers', 'tmp'))).toEqual([]);
  });
});
