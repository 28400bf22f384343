// Reference parsing follows distribution/reference's ParseNormalizedNamed + TagNameOnly; the rows
// below are its normalisation cases plus the errors Docker prints for bad names.
import { describe, expect, it } from 'vitest';
import { InvalidReferenceError } from '../../../runtime/images/image-errors.js';
import {
  familiarName,
  formatReference,
  parseReference,
  repoDigest,
  repoTag,
} from '../../../runtime/images/image-reference.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    { input: 'busybox', domain: 'docker.io', path: 'library/busybox', tag: 'latest', digest: undefined },
    { input: 'busybox:1.36', domain: 'docker.io', path: 'library/busybox', tag: '1.36', digest: undefined },
    {
      input: 'library/busybox',
      domain: 'docker.io',
      path: 'library/busybox',
      tag: 'latest',
      digest: undefined,
    },
    {
      input: 'docker.io/busybox',
      domain: 'docker.io',
      path: 'library/busybox',
      tag: 'latest',
      digest: undefined,
    },
    {
      input: 'index.docker.io/user/app:v1',
      domain: 'docker.io',
      path: 'user/app',
      tag: 'v1',
      digest: undefined,
    },
    { input: 'user/app', domain: 'docker.io', path: 'user/app', tag: 'latest', digest: undefined },
    { input: 'a/b/c', domain: 'docker.io', path: 'a/b/c', tag: 'latest', digest: undefined },
    {
      input: '127.0.0.1:5000/busybox',
      domain: '127.0.0.1:5000',
      path: 'busybox',
      tag: 'latest',
      digest: undefined,
    },
    { input: 'localhost/app:dev', domain: 'localhost', path: 'app', tag: 'dev', digest: undefined },
    { input: 'localhost:5000/a/b:t', domain: 'localhost:5000', path: 'a/b', tag: 't', digest: undefined },
    { input: 'ghcr.io/o/r', domain: 'ghcr.io', path: 'o/r', tag: 'latest', digest: undefined },
    { input: '[::1]:5000/app', domain: '[::1]:5000', path: 'app', tag: 'latest', digest: undefined },
    { input: 'Registry/app', domain: 'Registry', path: 'app', tag: 'latest', digest: undefined },
    {
      input: `busybox@${DIGEST}`,
      domain: 'docker.io',
      path: 'library/busybox',
      tag: undefined,
      digest: DIGEST,
    },
    {
      input: `busybox:1.36@${DIGEST}`,
      domain: 'docker.io',
      path: 'library/busybox',
      tag: '1.36',
      digest: DIGEST,
    },
    {
      input: 'my-app_x.y__z:TAG_1.2-x',
      domain: 'docker.io',
      path: 'library/my-app_x.y__z',
      tag: 'TAG_1.2-x',
      digest: undefined,
    },
  ])('$input', ({ input, ...expected }) => {
    expect(parseReference(input)).toEqual(expected);
  });

  it.each([
    { input: '', error: 'empty reference' },
    { input: 'Busybox', error: 'must be lowercase' },
    { input: 'docker.io/User/app', error: 'must be lowercase' },
    { input: 'a'.repeat(64), error: 'image id' },
    { input: 'busybox:', error: 'not a valid image reference' },
    { input: 'busybox:-x', error: 'not a valid image reference' },
    { input: `busybox:${'t'.repeat(129)}`, error: 'not a valid image reference' },
    { input: 'bus..ybox', error: 'not a valid image reference' },
    { input: '-busybox', error: 'not a valid image reference' },
    { input: 'busybox/', error: 'not a valid image reference' },
    { input: 'busybox@sha256:abc', error: 'not a valid image reference' },
    { input: `busybox@sha512:${'a'.repeat(128)}`, error: 'unsupported digest' },
    { input: `busybox@sha256:${'A'.repeat(64)}`, error: 'unsupported digest' },
    { input: `x/${'a'.repeat(300)}`, error: 'longer than 255' },
  ])('refuses $input', ({ input, error }) => {
    expect(() => parseReference(input)).toThrow(InvalidReferenceError);
    expect(() => parseReference(input)).toThrow(error);
  });
});

describe('names as Docker prints them', () => {
  it.each([
    { input: 'busybox', familiar: 'busybox', tag: 'busybox:latest', formatted: 'busybox:latest' },
    { input: 'docker.io/library/busybox:1', familiar: 'busybox', tag: 'busybox:1', formatted: 'busybox:1' },
    {
      input: 'library/a/b',
      familiar: 'library/a/b',
      tag: 'library/a/b:latest',
      formatted: 'library/a/b:latest',
    },
    { input: 'user/app:v1', familiar: 'user/app', tag: 'user/app:v1', formatted: 'user/app:v1' },
    {
      input: '127.0.0.1:5000/busybox',
      familiar: '127.0.0.1:5000/busybox',
      tag: '127.0.0.1:5000/busybox:latest',
      formatted: '127.0.0.1:5000/busybox:latest',
    },
    { input: `busybox@${DIGEST}`, familiar: 'busybox', tag: undefined, formatted: `busybox@${DIGEST}` },
  ])('$input', ({ input, familiar, tag, formatted }) => {
    const ref = parseReference(input);
    expect(familiarName(ref)).toBe(familiar);
    expect(repoTag(ref)).toBe(tag);
    expect(formatReference(ref)).toBe(formatted);
    expect(repoDigest(ref, DIGEST)).toBe(`${familiar}@${DIGEST}`);
  });
});
