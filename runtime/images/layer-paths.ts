/**
 * What a layer's tar entry names, read safely: the entry's path inside the layer, and what the
 * entry means for overlay. Names are relative to the layer's root; `./` and a lone `/` (umoci
 * writes one for the root itself) name the root. A name that is absolute or that climbs out with
 * `..` is refused (Docker quietly reads `/abs` as `abs`; the issue asks us to refuse it, and no
 * image builder writes one). Hard-link targets follow the same rules: a hard link can only point
 * at a file of the same layer.
 *
 * Whiteouts are the OCI/AUFS spelling: `dir/.wh.name` deletes `dir/name` of the layers below,
 * `dir/.wh..wh..opq` hides everything below `dir`. Other `.wh..wh.` names are AUFS bookkeeping
 * (hard-link pools) and are skipped, as Docker skips them.
 *
 * Pure. Writing through symlinks is checked against the disk by the layer writer.
 */
import { ContentError } from './image-errors.js';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
const AUFS_META_PREFIX = '.wh..wh.';

/** The entry's path relative to the layer root (`''` for the root), or a `ContentError`. */
export function cleanEntryPath(name: string, what = 'entry'): string {
  if (name.includes('\0'))
    throw new ContentError(`layer ${what} ${JSON.stringify(name)} contains a NUL byte`);
  if (name === '/' || name === '') return '';
  if (name.startsWith('/')) {
    throw new ContentError(
      `layer ${what} ${JSON.stringify(name)} is an absolute path; layer paths are relative`,
    );
  }
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) {
        throw new ContentError(`layer ${what} ${JSON.stringify(name)} points outside the layer`);
      }
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

/** The folders from the root down to (not including) `path`: `a/b/c` → `a`, `a/b`. */
export function parentPaths(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export type EntryMeaning =
  /** An ordinary file, folder, link or device at `path`. */
  | { kind: 'plain'; path: string }
  /** `path` of the layers below is deleted: overlay's form is a 0:0 character device there. */
  | { kind: 'whiteout'; path: string }
  /** The folder hides the layers below: overlay's form is an `opaque` xattr on it. */
  | { kind: 'opaque'; dir: string }
  /** AUFS bookkeeping that has no meaning for overlay. */
  | { kind: 'ignored'; path: string };

/** What a cleaned entry path means. */
export function classifyEntry(path: string): EntryMeaning {
  const slash = path.lastIndexOf('/');
  const dir = slash === -1 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === OPAQUE_MARKER) return { kind: 'opaque', dir };
  if (base.startsWith(AUFS_META_PREFIX)) return { kind: 'ignored', path };
  if (base.startsWith(WHITEOUT_PREFIX)) {
    const hidden = base.slice(WHITEOUT_PREFIX.length);
    if (hidden === '' || hidden === '.' || hidden === '..') {
      throw new ContentError(`layer whiteout ${JSON.stringify(path)} names no file`);
    }
    return { kind: 'whiteout', path: dir === '' ? hidden : `${dir}/${hidden}` };
  }
  return { kind: 'plain', path };
}
