/**
 * What `DELETE /images/{name}` does, decided without touching the disk, following Docker's
 * `ImageDelete`:
 * - by reference (`busybox`, `busybox:1.36`, `busybox@sha256:…`): untag that reference (and,
 *   when it was the repository's last tag, the repository's digests too); the image itself goes
 *   only when nothing refers to it any more and no container uses it. Untagging the only
 *   reference of an image a container uses needs `force`.
 * - by id or id prefix: the image and all its references go. That needs `force` when the image
 *   is tagged in more than one repository or a stopped container uses it, and is refused even
 *   with force while a running container uses it.
 * One deliberate difference from Docker: a forced removal of an image a container still uses
 * only untags it, and keeps its layers, because the container's overlay stacks those layer
 * folders (Docker's graph drivers keep a container's layers alive the same way).
 *
 * Pure. The image store applies the plan and collects layers and blobs nobody needs.
 */
import { ImageConflictError, ImageNotFoundError } from './image-errors.js';
import { findImage, type ImageIndex, type ImageRecord } from './image-index.js';
import { familiarName, formatReference, parseReference } from './image-reference.js';

export interface ImageUser {
  /** The container's id. */
  id: string;
  running: boolean;
}

export interface RemovalPlan {
  image: ImageRecord;
  /** References to drop, as Docker prints them in `Untagged`. */
  untag: string[];
  /** Whether the image itself (and its unshared layers) goes. */
  deleteImage: boolean;
}

export function planImageRemoval(
  index: ImageIndex,
  nameOrId: string,
  options: { force: boolean; users: readonly ImageUser[] },
): RemovalPlan {
  const image = findImage(index, nameOrId);
  if (!image) throw new ImageNotFoundError(nameOrId);
  const shortId = image.id.slice(7, 19);
  const running = options.users.find((u) => u.running);
  const anyUser = options.users[0];
  const references = [...image.repoTags, ...image.repoDigests];
  const reference = asReference(nameOrId, image);

  if (reference !== undefined) {
    if (!options.force && anyUser && sameRepository(references).length <= 1) {
      throw new ImageConflictError(
        `unable to remove repository reference ${JSON.stringify(nameOrId)} (must force) - container ${anyUser.id.slice(0, 12)} is using its referenced image ${shortId}`,
      );
    }
    const repository = repositoryOf(reference);
    let untag = [reference];
    const tagsLeft = image.repoTags.filter((t) => t !== reference && repositoryOf(t) === repository);
    if (tagsLeft.length === 0) {
      untag = [
        ...untag,
        ...image.repoDigests.filter((d) => d !== reference && repositoryOf(d) === repository),
      ];
    }
    const left = references.filter((r) => !untag.includes(r));
    return { image, untag, deleteImage: left.length === 0 && options.users.length === 0 };
  }

  if (running) {
    throw new ImageConflictError(
      `unable to delete ${shortId} (cannot be forced) - image is being used by running container ${running.id.slice(0, 12)}`,
    );
  }
  if (!options.force) {
    if (sameRepository(references).length > 1) {
      throw new ImageConflictError(
        `unable to delete ${shortId} (must be forced) - image is referenced in multiple repositories`,
      );
    }
    if (anyUser) {
      throw new ImageConflictError(
        `unable to delete ${shortId} (must be forced) - image is being used by stopped container ${anyUser.id.slice(0, 12)}`,
      );
    }
  }
  return { image, untag: references, deleteImage: options.users.length === 0 };
}

/** The reference `nameOrId` spells for `image` (as stored), or undefined when it names the id. */
function asReference(nameOrId: string, image: ImageRecord): string | undefined {
  let text: string;
  try {
    text = formatReference(parseReference(nameOrId));
  } catch {
    // Not a name (a full id, "sha256:…" prefix): removal by id.
    return undefined;
  }
  return [...image.repoTags, ...image.repoDigests].includes(text) ? text : undefined;
}

/** The distinct repositories among `references`. */
function sameRepository(references: readonly string[]): string[] {
  return [...new Set(references.map(repositoryOf))];
}

function repositoryOf(reference: string): string {
  return familiarName(parseReference(reference));
}
