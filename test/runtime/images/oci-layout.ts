/**
 * Writes an OCI image layout by hand and pushes it with skopeo, for images no builder would make:
 * multi-platform indexes, layers with hostile entries, configs whose diff ids lie.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sha256 } from './layer-tar.js';

const run = promisify(execFile);

export interface Blob {
  mediaType: string;
  digest: string;
  size: number;
  bytes: Buffer;
}

export function blob(mediaType: string, content: Buffer | object): Blob {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(JSON.stringify(content));
  return { mediaType, digest: sha256(bytes), size: bytes.length, bytes };
}

export const descriptor = ({
  mediaType,
  digest,
  size,
}: Blob): { mediaType: string; digest: string; size: number } => ({
  mediaType,
  digest,
  size,
});

/** An image manifest blob for `config` and `layers`, and the config blob for `diffIds`. */
export function imageBlobs(
  layers: readonly Blob[],
  diffIds: readonly string[],
  platform = { architecture: 'amd64', os: 'linux' },
): { config: Blob; manifest: Blob } {
  const config = blob('application/vnd.oci.image.config.v1+json', {
    ...platform,
    config: { Cmd: ['sh'] },
    rootfs: { type: 'layers', diff_ids: diffIds },
  });
  const manifest = blob('application/vnd.oci.image.manifest.v1+json', {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: descriptor(config),
    layers: layers.map(descriptor),
  });
  return { config, manifest };
}

/** Writes `blobs` and a layout whose tag `latest` is `top`, then copies it to `reference`. */
export async function pushLayout(
  dir: string,
  blobs: readonly Blob[],
  top: Blob,
  reference: string,
): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const b of blobs) await writeFile(join(dir, 'blobs', 'sha256', b.digest.slice(7)), b.bytes);
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ ...descriptor(top), annotations: { 'org.opencontainers.image.ref.name': 'latest' } }],
    }),
  );
  await run('skopeo', [
    'copy',
    '--quiet',
    '--all',
    '--dest-tls-verify=false',
    `oci:${dir}:latest`,
    `docker://${reference}`,
  ]);
}
