/**
 * The image store's index: which images are here, by id (the config's digest), with their tags,
 * repo digests and layers. This module is the data and the pure operations on it (look an image
 * up as Docker does, tag, untag); image-index-file.ts reads and writes it.
 *
 * A tag belongs to at most one image: tagging moves it. An image that loses its last tag stays
 * (Docker's dangling `<none>:<none>`) until removed, as long as a repo digest or a `force`
 * removal does not say otherwise.
 */
import { ImageError } from './image-errors.js';
import { SHA256_DIGEST, familiarName, parseReference, repoTag } from './image-reference.js';

export interface LayerRecord {
  /** The uncompressed tar's digest: the layer's key in the layer store. */
  diffId: string;
  /** The blob's digest in the registry (compressed). */
  digest: string;
  mediaType: string;
  /** The blob's size (compressed). */
  size: number;
  /** Bytes of regular files, unpacked. */
  unpackedSize: number;
}

export interface ImageRecord {
  /** `sha256:` of the config blob: Docker's image id. */
  id: string;
  /** `busybox:latest`, `127.0.0.1:5000/busybox:latest`. */
  repoTags: string[];
  /** `busybox@sha256:…`: the digest the registry resolved the pulled name to. */
  repoDigests: string[];
  /** The platform-specific manifest the layers came from. */
  manifestDigest: string;
  layers: LayerRecord[];
  /** RFC 3339, from the config (`created`); empty when the config has none. */
  created: string;
  architecture: string;
  os: string;
  variant?: string;
  /** RFC 3339: when a tag last moved onto this image. */
  lastTagTime: string;
}

export interface ImageIndex {
  version: 1;
  images: ImageRecord[];
}

export const EMPTY_INDEX: ImageIndex = { version: 1, images: [] };

const HEX_PREFIX = /^[a-f0-9]{1,64}$/;

/**
 * The image `nameOrId` names, Docker's way: a full id (`sha256:…` or 64 hex digits), then a
 * reference (`busybox`, `busybox:1.36`, `busybox@sha256:…`), then a unique prefix of an id.
 * Throws when an id prefix is ambiguous; returns undefined when nothing matches.
 */
export function findImage(index: ImageIndex, nameOrId: string): ImageRecord | undefined {
  const fullId = SHA256_DIGEST.test(nameOrId)
    ? nameOrId
    : /^[a-f0-9]{64}$/.test(nameOrId)
      ? `sha256:${nameOrId}`
      : undefined;
  if (fullId) return index.images.find((image) => image.id === fullId);
  const byName = findByReference(index, nameOrId);
  if (byName) return byName;
  const prefix = nameOrId.startsWith('sha256:') ? nameOrId.slice(7) : nameOrId;
  if (!HEX_PREFIX.test(prefix)) return undefined;
  const matches = index.images.filter((image) => image.id.slice(7).startsWith(prefix));
  if (matches.length > 1) throw new ImageError(400, `ambiguous image id prefix ${JSON.stringify(nameOrId)}`);
  return matches[0];
}

function findByReference(index: ImageIndex, text: string): ImageRecord | undefined {
  let ref;
  try {
    ref = parseReference(text);
  } catch {
    // Not a valid name (an id prefix such as "sha256:abc" lands here): the caller tries ids next.
    return undefined;
  }
  if (ref.digest !== undefined) {
    const wanted = `${familiarName(ref)}@${ref.digest}`;
    return index.images.find((image) => image.repoDigests.includes(wanted));
  }
  const tag = repoTag(ref);
  return tag === undefined ? undefined : index.images.find((image) => image.repoTags.includes(tag));
}

/** `index` with `image` in it (replacing the record with the same id). */
export function putImage(index: ImageIndex, image: ImageRecord): ImageIndex {
  return { ...index, images: [...index.images.filter((i) => i.id !== image.id), image] };
}

/** `index` with `tag` on the image `id` and on no other; `now` is the tag time. */
export function tagImage(index: ImageIndex, id: string, tag: string, now: string): ImageIndex {
  return {
    ...index,
    images: index.images.map((image) => {
      if (image.id === id) {
        return image.repoTags.includes(tag)
          ? image
          : { ...image, repoTags: [...image.repoTags, tag], lastTagTime: now };
      }
      return image.repoTags.includes(tag)
        ? { ...image, repoTags: image.repoTags.filter((t) => t !== tag) }
        : image;
    }),
  };
}

/** `index` with `repoDigest` added to the image `id`. */
export function addRepoDigest(index: ImageIndex, id: string, repoDigest: string): ImageIndex {
  return {
    ...index,
    images: index.images.map((image) =>
      image.id === id && !image.repoDigests.includes(repoDigest)
        ? { ...image, repoDigests: [...image.repoDigests, repoDigest] }
        : image,
    ),
  };
}

/** The image the tag points at, if any. */
export function imageForTag(index: ImageIndex, tag: string): ImageRecord | undefined {
  return index.images.find((image) => image.repoTags.includes(tag));
}
