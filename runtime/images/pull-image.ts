/**
 * Fetches one image from a registry into the blob and layer stores, reporting progress the way
 * Docker does. Steps: resolve the tag (or digest) to a manifest, choose this platform's entry
 * when it is an index, fetch and check the config, then fetch every missing layer, at most three
 * at a time (Docker's default), each streamed straight into both the blob store (hashed against
 * its descriptor) and the layer unpacker (hashed against the config's diff id). A layer that
 * fails either check is thrown away whole; one failing layer stops the others.
 *
 * It does not touch the index: the image store records the result once everything is in place.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { PullProgress } from '../api/engine-types.js';
import type { BlobStore } from './blob-store.js';
import { parseImageConfig, type ImageConfigBlob } from './image-config.js';
import { ContentError, ImageError } from './image-errors.js';
import type { LayerRecord } from './image-index.js';
import type { ImageReference } from './image-reference.js';
import type { LayerInfo, LayerStore } from './layer-store.js';
import { MEDIA_TYPES, parseManifest, type Descriptor, type Manifest, type Platform } from './manifest.js';
import { selectManifest } from './platform.js';
import { layerProgress, layerStatus, pullingFrom } from './pull-progress.js';
import type { RegistryClient } from './registry-client.js';

const CONCURRENT_DOWNLOADS = 3;
/** At most this often per layer a `Downloading` line, so a fast pull does not flood the stream. */
const PROGRESS_INTERVAL_MS = 100;

export interface PullContext {
  client: RegistryClient;
  blobs: BlobStore;
  layers: LayerStore;
  platform: Platform;
  emit: (progress: PullProgress) => void;
  /** Whether the image (config digest) and all its layers are already here. */
  hasImage: (id: string) => Promise<boolean>;
  /** Layers being unpacked by any pull of this store, so two pulls share one download. */
  inFlight: Map<string, Promise<LayerInfo>>;
  now: () => number;
  signal?: AbortSignal;
}

export interface PulledImage {
  /** `sha256:` of the config: the image id. */
  id: string;
  /** What the tag or digest resolved to (an index for multi-platform images). */
  topDigest: string;
  /** The platform manifest the layers came from. */
  manifestDigest: string;
  config: ImageConfigBlob;
  layers: LayerRecord[];
  /** False when the image was already complete here and nothing was fetched. */
  downloaded: boolean;
}

export async function pullImage(ref: ImageReference, context: PullContext): Promise<PulledImage> {
  const { client, blobs, emit, signal } = context;
  const tagOrDigest = ref.digest ?? ref.tag ?? 'latest';
  const top = await client.getManifest(tagOrDigest, signal);
  let manifest = parseManifest(top.bytes, top.contentType);
  const manifests = [{ ...top, descriptorType: manifest.mediaType }];
  if (manifest.kind === 'index') {
    const chosen = selectManifest(manifest.manifests, context.platform);
    const fetched = await client.getManifest(chosen.digest, signal);
    manifest = parseManifest(fetched.bytes, fetched.contentType);
    manifests.push({ ...fetched, descriptorType: manifest.mediaType });
  }
  const image = asImageManifest(manifest);
  emit(pullingFrom(ref.path, tagOrDigest));

  const configBytes = await fetchSmallBlob(context, image.config);
  const config = parseImageConfig(configBytes);
  if (config.os !== '' && config.os !== context.platform.os) {
    throw new ImageError(400, `image operating system "${config.os}" cannot be used on this platform`);
  }
  if (config.diffIds.length !== image.layers.length) {
    throw new ContentError(
      `manifest lists ${image.layers.length} layers but the image config has ${config.diffIds.length} diff ids`,
    );
  }
  const layers: LayerRecord[] = image.layers.map((descriptor, i) => ({
    diffId: config.diffIds[i] ?? '',
    digest: descriptor.digest,
    mediaType: descriptor.mediaType,
    size: descriptor.size,
    unpackedSize: 0,
  }));
  const id = image.config.digest;
  const result = {
    id,
    topDigest: top.digest,
    manifestDigest: manifests[manifests.length - 1]?.digest ?? top.digest,
    config,
  };
  if (await context.hasImage(id)) {
    for (const layer of layers) layer.unpackedSize = (await context.layers.get(layer.diffId))?.size ?? 0;
    return { ...result, layers, downloaded: false };
  }
  for (const m of manifests) await blobs.put({ digest: m.digest, size: m.bytes.length }, m.bytes);

  await fetchLayers(layers, context);
  return { ...result, layers, downloaded: true };
}

function asImageManifest(manifest: Manifest): Extract<Manifest, { kind: 'image' }> {
  if (manifest.kind !== 'image') throw new ContentError('an index lists another index for this platform');
  const configType = manifest.config.mediaType;
  if (configType !== '' && configType !== MEDIA_TYPES.ociConfig && configType !== MEDIA_TYPES.dockerConfig) {
    throw new ContentError(`not a container image (config media type ${configType})`);
  }
  return manifest;
}

/** A config blob: from the store when it is there, else fetched and stored (verified). */
async function fetchSmallBlob(context: PullContext, descriptor: Descriptor): Promise<Buffer> {
  if (!(await context.blobs.has(descriptor.digest))) {
    const body = await context.client.getBlob(descriptor.digest, context.signal);
    await context.blobs.ingest(descriptor, body);
  }
  return context.blobs.read(descriptor.digest);
}

async function fetchLayers(layers: LayerRecord[], context: PullContext): Promise<void> {
  const todo: LayerRecord[] = [];
  const seen = new Set<string>();
  for (const layer of layers) {
    const present = await context.layers.get(layer.diffId);
    if (present) {
      layer.unpackedSize = present.size;
      context.emit(layerStatus('Already exists', layer.digest));
    } else if (!seen.has(layer.diffId)) {
      seen.add(layer.diffId);
      todo.push(layer);
      context.emit(layerStatus('Pulling fs layer', layer.digest));
    }
  }
  for (const layer of todo.slice(CONCURRENT_DOWNLOADS)) context.emit(layerStatus('Waiting', layer.digest));

  // One failure stops the other downloads; every layer is then waited for, so that no
  // half-written temporary folder outlives the pull.
  context.signal?.throwIfAborted();
  const stop = new AbortController();
  const onOuterAbort = (): void => stop.abort(context.signal?.reason);
  context.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const queue = [...todo];
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    for (let layer = queue.shift(); layer && !stop.signal.aborted; layer = queue.shift()) {
      try {
        const info = await fetchLayerOnce(layer, { ...context, signal: stop.signal });
        layer.unpackedSize = info.size;
      } catch (error) {
        firstError ??= error;
        stop.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_DOWNLOADS, todo.length) }, worker));
  context.signal?.removeEventListener('abort', onOuterAbort);
  if (firstError !== undefined) throw firstError;
  context.signal?.throwIfAborted();
  for (const layer of layers) {
    if (layer.unpackedSize === 0) layer.unpackedSize = (await context.layers.get(layer.diffId))?.size ?? 0;
  }
}

/** The layer, fetched by this pull or by another one already fetching it. */
function fetchLayerOnce(layer: LayerRecord, context: PullContext): Promise<LayerInfo> {
  const running = context.inFlight.get(layer.diffId);
  if (running) return running;
  const task = fetchLayer(layer, context).finally(() => context.inFlight.delete(layer.diffId));
  context.inFlight.set(layer.diffId, task);
  return task;
}

async function fetchLayer(layer: LayerRecord, context: PullContext): Promise<LayerInfo> {
  const { emit } = context;
  context.signal?.throwIfAborted();
  const download = new AbortController();
  const onAbort = (): void => download.abort(context.signal?.reason);
  context.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const body = await context.client.getBlob(layer.digest, download.signal);
    const tee = new PassThrough({ highWaterMark: 1 << 20 });
    // Destroyed with the download's error when the download fails; that error is reported by the
    // ingest below, and the unpacker may already have stopped listening.
    tee.on('error', () => undefined);
    let unpackError: unknown;
    const unpacking = context.layers.unpack(layer.diffId, tee).catch((error: unknown) => {
      unpackError = error;
      download.abort(error);
      throw error;
    });
    // Observed below in every path; this keeps a rejection from counting as unhandled meanwhile.
    unpacking.catch(() => undefined);

    let received = 0;
    let lastReport = 0;
    try {
      await context.blobs.ingest(layer, body, {
        onChunk: async (chunk) => {
          if (unpackError !== undefined) throw unpackError;
          received += chunk.length;
          const now = context.now();
          if (now - lastReport >= PROGRESS_INTERVAL_MS) {
            lastReport = now;
            emit(layerProgress('Downloading', layer.digest, received, layer.size));
          }
          if (!tee.write(chunk)) await Promise.race([once(tee, 'drain'), unpacking]);
        },
      });
    } catch (error) {
      tee.destroy(error as Error);
      await unpacking.catch(() => undefined); // Its failure, if any, is the one reported below.
      throw unpackError ?? error;
    }
    emit(layerStatus('Verifying Checksum', layer.digest));
    emit(layerStatus('Download complete', layer.digest));
    tee.end();
    emit(layerProgress('Extracting', layer.digest, layer.size, layer.size));
    let info: LayerInfo;
    try {
      info = await unpacking;
    } catch (error) {
      // The blob matched its digest but not the config's diff id: nothing may keep it.
      await context.blobs.remove(layer.digest);
      throw error;
    }
    emit(layerStatus('Pull complete', layer.digest));
    return info;
  } finally {
    context.signal?.removeEventListener('abort', onAbort);
  }
}
