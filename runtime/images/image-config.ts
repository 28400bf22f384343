/**
 * The image config blob (OCI `application/vnd.oci.image.config.v1+json`, or Docker's
 * `container.image.v1`, the same shape): the runtime defaults (`config`: Env, Cmd, Entrypoint,
 * WorkingDir, User, ExposedPorts, Labels, StopSignal, Healthcheck …), the platform, and
 * `rootfs.diff_ids`, the uncompressed digest of every layer, which the pull checks each
 * unpacked layer against.
 *
 * Pure: bytes in, a checked value out. Unknown fields are kept, as Docker's inspect shows them.
 */
import type { ImageConfig } from '../api/engine-types.js';
import { ContentError } from './image-errors.js';
import { SHA256_DIGEST } from './image-reference.js';
import { isRecord } from './manifest.js';

export interface ImageConfigBlob {
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  author?: string;
  config: ImageConfig;
  diffIds: string[];
  /** The whole document, for what inspect shows beyond the fields above. */
  raw: Record<string, unknown>;
}

export function parseImageConfig(bytes: Uint8Array): ImageConfigBlob {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new ContentError('image config is not valid JSON', { cause: error });
  }
  if (!isRecord(body)) throw new ContentError('image config is not a JSON object');
  const rootfs = body.rootfs;
  if (!isRecord(rootfs) || !Array.isArray(rootfs.diff_ids)) {
    throw new ContentError('image config has no rootfs.diff_ids');
  }
  const diffIds = rootfs.diff_ids.map((d: unknown, i) => {
    if (typeof d !== 'string' || !SHA256_DIGEST.test(d)) {
      throw new ContentError(`image config rootfs.diff_ids[${i}] is not a sha256 digest`);
    }
    return d;
  });
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const parsed: ImageConfigBlob = {
    architecture: text(body.architecture) ?? '',
    os: text(body.os) ?? '',
    config: isRecord(body.config) ? (body.config as ImageConfig) : {},
    diffIds,
    raw: body,
  };
  const variant = text(body.variant);
  if (variant !== undefined) parsed.variant = variant;
  const created = text(body.created);
  if (created !== undefined) parsed.created = created;
  const author = text(body.author);
  if (author !== undefined) parsed.author = author;
  return parsed;
}
