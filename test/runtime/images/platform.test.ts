// Platform choice as containerd's platforms.Only makes it, and the manifest shapes registries serve.
import { describe, expect, it } from 'vitest';
import { ContentError, ImageError } from '../../../runtime/images/image-errors.js';
import { parseManifest, type Descriptor } from '../../../runtime/images/manifest.js';
import { formatPlatform, hostPlatform, selectManifest } from '../../../runtime/images/platform.js';

const digest = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const entry = (n: number, architecture: string, variant?: string, os = 'linux'): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: digest(n),
  size: 100,
  platform: { os, architecture, ...(variant ? { variant } : {}) },
});

describe('hostPlatform', () => {
  it.each([
    { arch: 'x64', armVersion: undefined, expected: 'linux/amd64' },
    { arch: 'arm64', armVersion: undefined, expected: 'linux/arm64/v8' },
    { arch: 'arm', armVersion: '6', expected: 'linux/arm/v6' },
    { arch: 'arm', armVersion: undefined, expected: 'linux/arm/v7' },
    { arch: 'ia32', armVersion: undefined, expected: 'linux/386' },
    { arch: 'ppc64', armVersion: undefined, expected: 'linux/ppc64le' },
    { arch: 's390x', armVersion: undefined, expected: 'linux/s390x' },
    { arch: 'riscv64', armVersion: undefined, expected: 'linux/riscv64' },
  ])('$arch → $expected', ({ arch, armVersion, expected }) => {
    expect(formatPlatform(hostPlatform(arch, armVersion))).toBe(expected);
  });
});

describe('selectManifest', () => {
  const index = [
    entry(1, 'arm', 'v5'),
    entry(2, 'arm', 'v6'),
    entry(3, 'arm', 'v7'),
    entry(4, 'arm64', 'v8'),
    entry(5, 'amd64'),
    entry(6, '386'),
    entry(7, 'unknown', undefined, 'unknown'),
    entry(8, 'amd64', undefined, 'windows'),
  ];
  it.each([
    { name: 'amd64 takes the linux amd64 entry, not windows', host: 'x64', armVersion: undefined, chosen: 5 },
    { name: 'arm64 takes v8', host: 'arm64', armVersion: undefined, chosen: 4 },
    { name: 'armv7 prefers v7', host: 'arm', armVersion: '7', chosen: 3 },
    { name: 'armv6 cannot run v7', host: 'arm', armVersion: '6', chosen: 2 },
    { name: '386', host: 'ia32', armVersion: undefined, chosen: 6 },
  ])('$name', ({ host, armVersion, chosen }) => {
    expect(selectManifest(index, hostPlatform(host, armVersion)).digest).toBe(digest(chosen));
  });

  it('an armv7 host falls back to v6 when there is no v7', () => {
    expect(
      selectManifest([entry(1, 'arm', 'v5'), entry(2, 'arm', 'v6')], hostPlatform('arm', '7')).digest,
    ).toBe(digest(2));
  });

  it('arm64 runs an entry without variant', () => {
    expect(selectManifest([entry(1, 'arm64')], hostPlatform('arm64')).digest).toBe(digest(1));
  });

  it('refuses an index without this platform, naming it', () => {
    expect(() =>
      selectManifest([entry(1, 'arm64'), entry(7, 'unknown', undefined, 'unknown')], hostPlatform('x64')),
    ).toThrow(new ImageError(404, 'no matching manifest for linux/amd64 in the manifest list entries'));
  });
});

describe('parseManifest', () => {
  const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest(2), size: 10 };
  const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(1), size: 5 };
  const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

  it.each([
    {
      name: 'an OCI manifest',
      body: {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config,
        layers: [layer],
      },
      contentType: undefined,
      kind: 'image',
    },
    {
      name: 'a Docker schema 2 manifest',
      body: {
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config,
        layers: [layer],
      },
      contentType: undefined,
      kind: 'image',
    },
    {
      name: 'an OCI manifest without mediaType (the header says)',
      body: { schemaVersion: 2, config, layers: [layer] },
      contentType: 'application/vnd.oci.image.manifest.v1+json',
      kind: 'image',
    },
    {
      name: 'a Docker manifest list',
      body: {
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
        manifests: [entry(5, 'amd64')],
      },
      contentType: undefined,
      kind: 'index',
    },
    {
      name: 'an OCI index without mediaType',
      body: { schemaVersion: 2, manifests: [entry(5, 'amd64')] },
      contentType: 'application/vnd.oci.image.index.v1+json; charset=utf-8',
      kind: 'index',
    },
  ])('reads $name', ({ body, contentType, kind }) => {
    expect(parseManifest(bytes(body), contentType).kind).toBe(kind);
  });

  it.each([
    {
      name: 'schema 1',
      body: { schemaVersion: 1, mediaType: 'application/vnd.docker.distribution.manifest.v1+prettyjws' },
      error: 'schema 1',
    },
    { name: 'not JSON', body: undefined, error: 'not valid JSON' },
    {
      name: 'a bad layer digest',
      body: { schemaVersion: 2, config, layers: [{ ...layer, digest: 'md5:x' }] },
      error: 'layers[0]: unsupported digest',
    },
    {
      name: 'a negative size',
      body: { schemaVersion: 2, config, layers: [{ ...layer, size: -1 }] },
      error: 'layers[0]: size',
    },
    { name: 'no layers', body: { schemaVersion: 2, config }, error: 'no "layers"' },
  ])('refuses $name', ({ body, error }) => {
    const raw = body === undefined ? Buffer.from('<html>') : bytes(body);
    expect(() => parseManifest(raw, undefined)).toThrow(ContentError);
    expect(() => parseManifest(raw, undefined)).toThrow(error);
  });
});
