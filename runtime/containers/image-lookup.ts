/**
 * What the container service needs from the image store: an image by name, id or digest, with its
 * id, its config and its unpacked layer folders (lowest first). An interface, so the service does
 * not depend on how images are stored; `runtime/engine.ts` adapts the `ImageStore` to it.
 */
import type { ImageConfig } from '../api/engine-types.js';

export interface ImageHandle {
  /** `sha256:…` */
  id: string;
  config: ImageConfig;
  layerDirs: string[];
}

export interface ImageLookup {
  /** `undefined` when no image answers to the reference. */
  find(reference: string): Promise<ImageHandle | undefined>;
}
