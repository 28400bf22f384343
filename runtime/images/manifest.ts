/**
 * Manifests as registries serve them, read into one union: an image manifest (config plus
 * layers) or an index (a list of manifests, one per platform). Both spellings are accepted: the
 * OCI ones and Docker's schema 2 ones, which have the same shape under other media types. Docker's
 * schema 1 (signed, no config blob) is refused with a clear message: registries stopped serving
 * it and Docker itself no longer pulls it.
 *
 * Pure: bytes in, a checked value out. Verifying the bytes' digest is the client's job.
 */
import { ContentError } from './image-errors.js';
import { SHA256_DIGEST } from './image-reference.js';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

/** The `Accept` header of a manifest request: every kind we can read, indexes first. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest,
].join(', ');

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  urls?: string[];
}

export type Manifest =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[] }
  | { kind: 'image'; mediaType: string; config: Descriptor; layers: Descriptor[] };

/** Reads a manifest; `contentType` is the response's header, used when the body names no type. */
export function parseManifest(bytes: Uint8Array, contentType: string | undefined): Manifest {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new ContentError('manifest is not valid JSON', { cause: error });
  }
  if (!isRecord(body)) throw new ContentError('manifest is not a JSON object');
  const headerType = contentType?.split(';')[0]?.trim();
  const mediaType = typeof body.mediaType === 'string' ? body.mediaType : (headerType ?? '');
  if (mediaType === MEDIA_TYPES.dockerSchema1 || mediaType === MEDIA_TYPES.dockerSchema1Signed) {
    throw new ContentError(
      'Docker schema 1 manifests are not supported: push the image again with a current client',
    );
  }
  if (body.schemaVersion !== 2) {
    throw new ContentError(`unsupported manifest schemaVersion ${JSON.stringify(body.schemaVersion)}`);
  }
  const isIndex =
    mediaType === MEDIA_TYPES.ociIndex ||
    mediaType === MEDIA_TYPES.dockerList ||
    (!isKnownImageType(mediaType) && Array.isArray(body.manifests));
  if (isIndex) {
    if (!Array.isArray(body.manifests)) throw new ContentError('index has no "manifests" list');
    return {
      kind: 'index',
      mediaType,
      manifests: body.manifests.map((d, i) => readDescriptor(d, `manifests[${i}]`)),
    };
  }
  if (!Array.isArray(body.layers)) throw new ContentError('manifest has no "layers" list');
  return {
    kind: 'image',
    mediaType,
    config: readDescriptor(body.config, 'config'),
    layers: body.layers.map((d, i) => readDescriptor(d, `layers[${i}]`)),
  };
}

function isKnownImageType(mediaType: string): boolean {
  return mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.dockerManifest;
}

function readDescriptor(value: unknown, where: string): Descriptor {
  if (!isRecord(value)) throw new ContentError(`manifest ${where}: not a descriptor object`);
  const { mediaType, digest, size, platform, urls } = value;
  if (typeof digest !== 'string' || !SHA256_DIGEST.test(digest)) {
    throw new ContentError(`manifest ${where}: unsupported digest ${JSON.stringify(digest)}`);
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new ContentError(`manifest ${where}: size must be a non-negative integer`);
  }
  const descriptor: Descriptor = { mediaType: typeof mediaType === 'string' ? mediaType : '', digest, size };
  if (isRecord(platform) && typeof platform.architecture === 'string' && typeof platform.os === 'string') {
    descriptor.platform = { architecture: platform.architecture, os: platform.os };
    if (typeof platform.variant === 'string') descriptor.platform.variant = platform.variant;
  }
  if (Array.isArray(urls)) descriptor.urls = urls.filter((u): u is string => typeof u === 'string');
  return descriptor;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
