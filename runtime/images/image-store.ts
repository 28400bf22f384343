/**
 * The engine's images: pull, list, find, inspect, remove, and what a container needs from an
 * image (its layer folders, lowest first, and its config). Everything lives under one folder,
 * `<dataDir>/images`: `blobs/` (blob-store.ts), `layers/` (layer-store.ts) and `index.json`
 * (image-index-file.ts).
 *
 * Crash safety comes from the order of writes: blobs and layers are verified and renamed into
 * place first, the index last, so the index never names anything missing. Temporary files of an
 * interrupted pull are removed when the store opens. Index changes are serialised in-process;
 * one engine per user owns the folder.
 *
 * Whether a container still uses an image is the containers side's knowledge: it comes in as the
 * `containersUsing` hook, asked before a removal.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ImageConfig,
  ImageDeleteResponseItem,
  ImageInspect,
  ImageSummary,
  PullProgress,
} from '../api/engine-types.js';
import { BlobStore } from './blob-store.js';
import { parseImageConfig, type ImageConfigBlob } from './image-config.js';
import { ImageNotFoundError } from './image-errors.js';
import { readImageIndex, writeImageIndex } from './image-index-file.js';
import {
  addRepoDigest,
  findImage,
  imageForTag,
  putImage,
  tagImage,
  type ImageIndex,
  type ImageRecord,
} from './image-index.js';
import { formatReference, parseReference, repoDigest, repoTag } from './image-reference.js';
import type { OwnershipMode } from './layer-writer.js';
import { LayerStore, type LayerInfo } from './layer-store.js';
import type { Platform } from './manifest.js';
import { planImageRemoval, type ImageUser } from './plan-image-removal.js';
import { hostPlatform } from './platform.js';
import { pullImage } from './pull-image.js';
import { digestLine, statusLine } from './pull-progress.js';
import type { FetchFunction, RegistryCredentials } from './registry-auth.js';
import { RegistryClient } from './registry-client.js';
import { imageSize, toImageInspect, toImageSummary } from './image-views.js';

export type { ImageRecord } from './image-index.js';
export type { ImageUser } from './plan-image-removal.js';
export type { RegistryCredentials } from './registry-auth.js';

export interface ImageStoreOptions {
  /** Default: `preserve` when running as uid 0 (the engine in its namespace), else `ignore`. */
  ownership?: OwnershipMode;
  /** Default: this machine's, from `process.arch`. */
  platform?: Platform;
  /** The containers that use an image (by id); default: none. */
  containersUsing?: (imageId: string) => Promise<readonly ImageUser[]> | readonly ImageUser[];
  /** The storage driver's name, as inspect reports it under `GraphDriver`. */
  driverName?: string;
  fetch?: FetchFunction;
  /** Milliseconds since the epoch; a parameter so tests can hold time still. */
  now?: () => number;
}

export interface PullOptions {
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
  auth?: RegistryCredentials;
}

export class ImageStore {
  private readonly blobs: BlobStore;
  private readonly layers: LayerStore;
  private readonly indexPath: string;
  private readonly options: Required<Pick<ImageStoreOptions, 'platform' | 'driverName' | 'now'>> &
    ImageStoreOptions;
  private readonly inFlight = new Map<string, Promise<LayerInfo>>();
  private readonly configs = new Map<string, ImageConfigBlob>();
  private opened: Promise<ImageIndex> | undefined;
  /** The tail of the chain of index changes: each waits for the one before. */
  private changes: Promise<unknown> = Promise.resolve();
  /** Pulls running now; removal collects no layer or blob while any runs. */
  private pulls = 0;

  constructor(
    readonly dir: string,
    options: ImageStoreOptions = {},
  ) {
    this.blobs = new BlobStore(join(dir, 'blobs'));
    this.layers = new LayerStore(join(dir, 'layers'), options.ownership ?? defaultOwnership());
    this.indexPath = join(dir, 'index.json');
    const armVersion = (process.config.variables as Record<string, unknown>).arm_version;
    this.options = {
      ...options,
      platform:
        options.platform ??
        hostPlatform(process.arch, typeof armVersion === 'string' ? armVersion : undefined),
      driverName: options.driverName ?? 'overlay2',
      now: options.now ?? Date.now,
    };
  }

  /** Pulls `reference` (`busybox`, `127.0.0.1:5000/busybox:latest`, `x@sha256:…`) and records it. */
  async pull(reference: string, options: PullOptions = {}): Promise<ImageRecord> {
    const ref = parseReference(reference);
    await this.index();
    const emit = options.onProgress ?? ((): void => undefined);
    const client = new RegistryClient(ref.domain, ref.path, {
      ...(options.auth ? { credentials: options.auth } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
    this.pulls++;
    try {
      const pulled = await pullImage(ref, {
        client,
        blobs: this.blobs,
        layers: this.layers,
        platform: this.options.platform,
        emit,
        hasImage: (id) => this.isComplete(id),
        inFlight: this.inFlight,
        now: this.options.now,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // Cancelled while the last layer finished: record nothing, as the caller gave up.
      options.signal?.throwIfAborted();
      this.configs.set(pulled.id, pulled.config);
      const tag = repoTag(ref);
      const now = new Date(this.options.now()).toISOString();
      let upToDate = false;
      const index = await this.change((current) => {
        // Docker's wording: nothing fetched and, for a tag, the tag already pointed here.
        upToDate = !pulled.downloaded && (tag === undefined || imageForTag(current, tag)?.id === pulled.id);
        const existing = current.images.find((image) => image.id === pulled.id);
        const record: ImageRecord = {
          id: pulled.id,
          repoTags: existing?.repoTags ?? [],
          repoDigests: existing?.repoDigests ?? [],
          manifestDigest: pulled.manifestDigest,
          layers: pulled.layers,
          created: pulled.config.created ?? '',
          architecture: pulled.config.architecture,
          os: pulled.config.os,
          ...(pulled.config.variant !== undefined ? { variant: pulled.config.variant } : {}),
          lastTagTime: existing?.lastTagTime ?? now,
        };
        let next = putImage(current, record);
        if (tag !== undefined) next = tagImage(next, pulled.id, tag, now);
        return addRepoDigest(next, pulled.id, repoDigest(ref, pulled.topDigest));
      });
      emit(digestLine(pulled.topDigest));
      emit(statusLine(upToDate ? 'up-to-date' : 'downloaded', formatReference(ref)));
      return this.mustFind(index, pulled.id);
    } finally {
      this.pulls--;
    }
  }

  /** Every image, newest first (`GET /images/json`). */
  async list(): Promise<ImageSummary[]> {
    const index = await this.index();
    const rows = await Promise.all(
      index.images.map(async (record) => toImageSummary(record, await this.imageConfig(record))),
    );
    return rows.sort((a, b) => b.Created - a.Created);
  }

  /** The image a name, id, id prefix or `name@digest` refers to, if any. */
  async find(nameOrId: string): Promise<ImageRecord | undefined> {
    return findImage(await this.index(), nameOrId);
  }

  /** Like `find`, but a missing image is a 404 `ImageNotFoundError`. */
  async get(nameOrId: string): Promise<ImageRecord> {
    const record = await this.find(nameOrId);
    if (!record) throw new ImageNotFoundError(nameOrId);
    return record;
  }

  async inspect(nameOrId: string): Promise<ImageInspect> {
    const record = await this.get(nameOrId);
    return toImageInspect(
      record,
      await this.imageConfig(record),
      this.layerDirs(record),
      this.options.driverName,
    );
  }

  /**
   * `DELETE /images/{name}`: untags, and deletes the image and the layers and blobs no other
   * image needs when nothing refers to it any more (plan-image-removal.ts has the rules).
   */
  async remove(nameOrId: string, options: { force: boolean }): Promise<ImageDeleteResponseItem[]> {
    const target = await this.get(nameOrId);
    const users = (await this.options.containersUsing?.(target.id)) ?? [];
    const result: ImageDeleteResponseItem[] = [];
    let deleted: ImageRecord | undefined;
    await this.change((current) => {
      const plan = planImageRemoval(current, nameOrId, { force: options.force, users });
      result.push(...plan.untag.map((reference) => ({ Untagged: reference })));
      const images = current.images.flatMap((image) => {
        if (image.id !== plan.image.id) return [image];
        if (plan.deleteImage) return [];
        return [
          {
            ...image,
            repoTags: image.repoTags.filter((t) => !plan.untag.includes(t)),
            repoDigests: image.repoDigests.filter((d) => !plan.untag.includes(d)),
          },
        ];
      });
      if (plan.deleteImage) {
        deleted = plan.image;
        result.push({ Deleted: plan.image.id });
      }
      return { ...current, images };
    });
    if (deleted) {
      this.configs.delete(deleted.id);
      result.push(...(await this.collectGarbage()).map((diffId) => ({ Deleted: diffId })));
    }
    return result;
  }

  /** The image's unpacked layer folders, lowest first: overlay's lower dirs, reversed. */
  layerDirs(record: ImageRecord): string[] {
    return record.layers.map((layer) => this.layers.diffDir(layer.diffId));
  }

  /** The image's runtime defaults (Env, Cmd, Entrypoint, WorkingDir, User, …). */
  async config(record: ImageRecord): Promise<ImageConfig> {
    return (await this.imageConfig(record)).config;
  }

  /** Unpacked bytes of the image's layers. */
  size(record: ImageRecord): number {
    return imageSize(record);
  }

  private async imageConfig(record: ImageRecord): Promise<ImageConfigBlob> {
    const cached = this.configs.get(record.id);
    if (cached) return cached;
    const parsed = parseImageConfig(await this.blobs.read(record.id));
    this.configs.set(record.id, parsed);
    return parsed;
  }

  private async isComplete(id: string): Promise<boolean> {
    const record = (await this.index()).images.find((image) => image.id === id);
    if (!record) return false;
    for (const layer of record.layers) if (!(await this.layers.get(layer.diffId))) return false;
    return true;
  }

  /**
   * Removes every layer and blob the index does not name: the deleted image's, and any left by a
   * failed pull. Skipped while a pull runs, since its layers are not in the index yet and would
   * look unused; the next removal collects them.
   */
  private async collectGarbage(): Promise<string[]> {
    if (this.pulls > 0) return [];
    const index = await this.index();
    const usedLayers = new Set(index.images.flatMap((image) => image.layers.map((layer) => layer.diffId)));
    const usedBlobs = new Set(
      index.images.flatMap((image) => [
        image.id,
        image.manifestDigest,
        ...image.repoDigests.map((d) => d.slice(d.lastIndexOf('@') + 1)),
        ...image.layers.map((layer) => layer.digest),
      ]),
    );
    const removed: string[] = [];
    for (const diffId of await this.layers.list()) {
      if (usedLayers.has(diffId)) continue;
      await this.layers.remove(diffId);
      removed.push(diffId);
    }
    for (const digest of await this.blobs.list()) if (!usedBlobs.has(digest)) await this.blobs.remove(digest);
    return removed;
  }

  private index(): Promise<ImageIndex> {
    this.opened ??= this.open();
    return this.opened;
  }

  private async open(): Promise<ImageIndex> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.blobs.cleanTemp();
    await this.layers.cleanTemp();
    return readImageIndex(this.indexPath);
  }

  /** Applies `update` to the index and writes it, after every earlier change. */
  private change(update: (index: ImageIndex) => ImageIndex): Promise<ImageIndex> {
    const next = this.changes.then(async () => {
      const updated = update(await this.index());
      writeImageIndex(this.indexPath, updated);
      this.opened = Promise.resolve(updated);
      return updated;
    });
    this.changes = next.catch(() => undefined); // The caller sees the failure; the chain goes on.
    return next;
  }

  private mustFind(index: ImageIndex, id: string): ImageRecord {
    const record = index.images.find((image) => image.id === id);
    if (!record) throw new ImageNotFoundError(id);
    return record;
  }
}

function defaultOwnership(): OwnershipMode {
  return process.getuid?.() === 0 ? 'preserve' : 'ignore';
}
