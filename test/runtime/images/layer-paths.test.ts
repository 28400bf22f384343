// Path safety and the whiteout spelling of layer entries: the pure half of unpacking.
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../runtime/images/image-errors.js';
import { classifyEntry, cleanEntryPath, parentPaths } from '../../../runtime/images/layer-paths.js';

describe('cleanEntryPath', () => {
  it.each([
    { input: 'bin/sh', expected: 'bin/sh' },
    { input: './bin/sh', expected: 'bin/sh' },
    { input: 'bin/', expected: 'bin' },
    { input: './', expected: '' },
    { input: '.', expected: '' },
    { input: '/', expected: '' },
    { input: 'a//b/./c', expected: 'a/b/c' },
    { input: 'a/b/../c', expected: 'a/c' },
    { input: 'a/..', expected: '' },
    { input: '..foo/bar', expected: '..foo/bar' },
  ])('$input → "$expected"', ({ input, expected }) => {
    expect(cleanEntryPath(input)).toBe(expected);
  });

  it.each([
    { input: '../x', error: 'points outside the layer' },
    { input: '../../x', error: 'points outside the layer' },
    { input: 'a/../../x', error: 'points outside the layer' },
    { input: './../x', error: 'points outside the layer' },
    { input: '/abs', error: 'is an absolute path' },
    { input: '/etc/passwd', error: 'is an absolute path' },
    { input: 'a\0b', error: 'NUL byte' },
  ])('refuses $input', ({ input, error }) => {
    expect(() => cleanEntryPath(input)).toThrow(ContentError);
    expect(() => cleanEntryPath(input)).toThrow(error);
  });

  it('names what it refused', () => {
    expect(() => cleanEntryPath('../../etc/passwd', 'hard link target')).toThrow(
      'layer hard link target "../../etc/passwd" points outside the layer',
    );
  });
});

describe('parentPaths', () => {
  it.each([
    { input: 'a', expected: [] },
    { input: 'a/b', expected: ['a'] },
    { input: 'a/b/c', expected: ['a', 'a/b'] },
  ])('$input', ({ input, expected }) => {
    expect(parentPaths(input)).toEqual(expected);
  });
});

describe('classifyEntry (whiteouts → overlay)', () => {
  it.each([
    { input: 'etc/passwd', expected: { kind: 'plain', path: 'etc/passwd' } },
    { input: 'etc/.wh.passwd', expected: { kind: 'whiteout', path: 'etc/passwd' } },
    { input: '.wh.tmp', expected: { kind: 'whiteout', path: 'tmp' } },
    { input: 'var/lib/.wh..wh..opq', expected: { kind: 'opaque', dir: 'var/lib' } },
    { input: '.wh..wh..opq', expected: { kind: 'opaque', dir: '' } },
    { input: 'a/.wh..wh.plnk', expected: { kind: 'ignored', path: 'a/.wh..wh.plnk' } },
    { input: 'a/.wh..wh.aufs', expected: { kind: 'ignored', path: 'a/.wh..wh.aufs' } },
    { input: 'a/x.wh.y', expected: { kind: 'plain', path: 'a/x.wh.y' } },
    { input: 'a/.wh.b/c', expected: { kind: 'plain', path: 'a/.wh.b/c' } },
  ])('$input', ({ input, expected }) => {
    expect(classifyEntry(input)).toEqual(expected);
  });

  // `.wh...` would delete `a/..`, the parent: refused like the empty names.
  it.each(['a/.wh.', 'a/.wh..', 'a/.wh...'])('refuses the empty or dot whiteout %s', (input) => {
    expect(() => classifyEntry(input)).toThrow('names no file');
  });
});
