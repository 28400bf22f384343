/**
 * The errors the image side raises, each with the HTTP status Docker's API answers for it, so the
 * API layer turns any of them into `{"message": …}` with that status and no table of its own:
 * 400 a reference that does not parse, 404 an image or manifest that does not exist, 409 a
 * removal that needs force or hits a container, 401/403 from a registry that refused us, 500
 * for a layer or blob that failed verification (the registry sent something wrong).
 */

import { StatusError } from '../status-error.js';

export class ImageError extends StatusError {
  override readonly name: string = 'ImageError';
}

/** A reference that is not a valid image name (Docker: 400 "invalid reference format"). */
export class InvalidReferenceError extends ImageError {
  override readonly name = 'InvalidReferenceError';
  constructor(reference: string, reason: string) {
    super(400, `invalid reference format: ${reason}: ${JSON.stringify(reference)}`);
  }
}

/** No local image by that name, id or digest (Docker: 404 "No such image: x"). */
export class ImageNotFoundError extends ImageError {
  override readonly name = 'ImageNotFoundError';
  constructor(nameOrId: string) {
    super(404, `No such image: ${nameOrId}`);
  }
}

/** A removal that needs force or that a container prevents (Docker: 409 "conflict: …"). */
export class ImageConflictError extends ImageError {
  override readonly name = 'ImageConflictError';
  constructor(message: string) {
    super(409, `conflict: ${message}`);
  }
}

/** The registry answered with an error, or the connection failed. */
export class RegistryError extends ImageError {
  override readonly name = 'RegistryError';
}

/**
 * Content that does not match what its descriptor promised: a digest or size mismatch, a
 * truncated or corrupt stream, a layer entry that would write outside its layer.
 */
export class ContentError extends ImageError {
  override readonly name = 'ContentError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(500, message, options);
  }
}
