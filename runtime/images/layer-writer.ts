/**
 * Writes the entries of one layer's tar into an empty folder, in overlay's form: whiteouts become
 * 0:0 character devices, opaque markers become the `user.overlay.opaque` xattr (see
 * set-xattrs.ts for why `user.` and not `trusted.`), everything else is created as the tar says,
 * with its owner (when `ownership` is `preserve`), mode and mtime.
 *
 * Safety, since a layer is untrusted input:
 * - names are cleaned by layer-paths.ts (no absolute names, no `..` out of the layer);
 * - no entry is written through a symlink: every parent folder of an entry is checked with lstat
 *   and must be a real folder of this layer (a symlink `evil -> /` followed by `evil/x` is
 *   refused), and files are opened with O_EXCL | O_NOFOLLOW after whatever was there is removed;
 * - a hard link may only point at a file of this layer, reached without crossing a symlink.
 *
 * Node has no mknod: one `mknod` run per layer makes a whiteout device, and each whiteout is a
 * hard link to it (overlay itself shares one whiteout inode this way). FIFOs are made with one
 * `mkfifo` run at the end. Other device nodes are skipped: a user namespace cannot create them,
 * and Docker's rootless mode skips them too. Extended attributes in the layer (pax
 * `SCHILY.xattr.*`) are not applied: tar-stream decodes them as text, which corrupts binary
 * values such as file capabilities.
 *
 * Folder modes and mtimes are applied by `finish`, deepest first, so writing children does not
 * undo a folder's mtime and a read-only folder is still writable while its layer is written.
 */
import { execFile } from 'node:child_process';
import { constants, type Stats } from 'node:fs';
import { chmod, lchown, link, lstat, lutimes, mkdir, open, rm, symlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Header } from 'tar-stream';
import { ContentError } from './image-errors.js';
import { classifyEntry, cleanEntryPath, parentPaths } from './layer-paths.js';
import { setXattrs, type XattrAssignment } from './set-xattrs.js';

const run = promisify(execFile);
const WRITE_BATCH_BYTES = 1024 * 1024;

/**
 * `preserve`: chown every entry to its uid/gid (needs uid 0, as the engine is in its user
 * namespace). `ignore`: leave everything owned by the caller (unprivileged tests).
 */
export type OwnershipMode = 'preserve' | 'ignore';

export interface LayerWriterOptions {
  ownership: OwnershipMode;
  /** A folder beside (not inside) the layer for the whiteout device and scratch files. */
  scratchDir: string;
}

/** An entry's content as tar-stream hands it out; drained with `resume` when not needed. */
export interface EntryBody extends AsyncIterable<unknown> {
  resume(): unknown;
}

/** The tar entry types tar-stream reports (it folds pax and GNU long-name headers in itself). */
const ENTRY_TYPES = new Set<string>([
  'file',
  'link',
  'symlink',
  'directory',
  'block-device',
  'character-device',
  'fifo',
  'contiguous-file',
]);

interface Metadata {
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
}

export class LayerWriter {
  /** Folders known to be real folders of this layer (not symlinks), so parents are checked once. */
  private readonly knownDirs = new Set<string>(['']);
  private readonly pendingDirs = new Map<string, Metadata>();
  private readonly pendingFifos = new Map<string, Metadata>();
  private readonly opaqueDirs = new Set<string>();
  private whiteoutDevice: string | undefined;
  private whiteoutCount = 0;
  /** Bytes of regular files written: the layer's size as Docker reports it. */
  size = 0;

  constructor(
    private readonly root: string,
    private readonly options: LayerWriterOptions,
  ) {}

  /** Writes one entry; `body` is its content stream, drained here whatever the entry is. */
  async write(header: Header, body: EntryBody): Promise<void> {
    const path = cleanEntryPath(header.name);
    const meaning = classifyEntry(path);
    const type = header.type;
    if (!ENTRY_TYPES.has(type)) {
      throw new ContentError(`layer entry ${JSON.stringify(header.name)} has an unknown type`);
    }
    const hasContent = meaning.kind === 'plain' && (type === 'file' || type === 'contiguous-file');
    if (!hasContent) body.resume();
    switch (meaning.kind) {
      case 'ignored':
        return;
      case 'opaque':
        await this.ensureDir(meaning.dir);
        this.opaqueDirs.add(meaning.dir);
        return;
      case 'whiteout':
        await this.writeWhiteout(meaning.path);
        return;
      case 'plain':
        break;
    }
    const meta: Metadata = {
      mode: (header.mode ?? 0o644) & 0o7777,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
      mtime: header.mtime ?? new Date(0),
    };
    switch (type) {
      case 'directory':
        await this.writeDir(path, meta);
        return;
      case 'file':
      case 'contiguous-file':
        await this.writeFile(path, meta, body, header.size ?? 0);
        return;
      case 'symlink':
        await this.writeSymlink(path, header.linkname ?? '', meta);
        return;
      case 'link':
        await this.writeHardLink(path, header.linkname ?? '');
        return;
      case 'fifo':
        await this.prepare(path);
        this.pendingFifos.set(path, meta);
        return;
      case 'character-device':
      case 'block-device':
        // A user namespace cannot mknod real devices; runc gives containers their /dev.
        return;
      default: {
        const unhandled: never = type;
        throw new ContentError(`layer entry type ${String(unhandled)} is not handled`);
      }
    }
  }

  /** Applies what had to wait for the last entry: FIFOs, opaque xattrs, folder modes and mtimes. */
  async finish(): Promise<void> {
    if (this.pendingFifos.size > 0) {
      const paths = [...this.pendingFifos.keys()];
      await run('mkfifo', ['--', ...paths], { cwd: this.root });
      for (const [path, meta] of this.pendingFifos) await this.applyMetadata(path, meta, 'node');
    }
    const opaque: XattrAssignment[] = [...this.opaqueDirs].map((dir) => ({
      path: dir === '' ? '.' : dir,
      name: 'user.overlay.opaque',
      value: Buffer.from('y'),
    }));
    await setXattrs(this.root, opaque, this.options.scratchDir);
    const deepestFirst = [...this.pendingDirs].sort(([a], [b]) => depth(b) - depth(a));
    for (const [path, meta] of deepestFirst) await this.applyMetadata(path, meta, 'node');
    if (this.whiteoutDevice) await rm(this.whiteoutDevice, { force: true });
  }

  private full(path: string): string {
    return path === '' ? this.root : join(this.root, path);
  }

  /** Makes `path`'s parents real folders of this layer, refusing to go through a symlink. */
  private async ensureParents(path: string): Promise<void> {
    for (const parent of parentPaths(path)) await this.ensureDir(parent);
  }

  private async ensureDir(path: string): Promise<void> {
    if (this.knownDirs.has(path)) return;
    await this.ensureParents(path);
    const stats = await lstat(this.full(path)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stats?.isSymbolicLink()) {
      throw new ContentError(`layer entry under ${JSON.stringify(path)} would be written through a symlink`);
    }
    if (stats && !stats.isDirectory()) {
      throw new ContentError(
        `layer entry under ${JSON.stringify(path)} needs a folder where the layer has a file`,
      );
    }
    if (!stats) {
      await mkdir(this.full(path));
      // Explicit, so the engine's umask does not decide what containers can read.
      await chmod(this.full(path), 0o755);
    }
    this.knownDirs.add(path);
  }

  /** Clears the way for a new entry at `path`: parents checked, whatever is there removed. */
  private async prepare(path: string): Promise<void> {
    if (path === '') throw new ContentError('layer entry for the root folder must be a folder');
    await this.ensureParents(path);
    this.pendingFifos.delete(path);
    if (this.pendingDirs.delete(path) || this.knownDirs.has(path) || this.opaqueDirs.has(path)) {
      // A folder replaced by something else: forget all that was to happen at or below it, or
      // `finish` would reach it through whatever replaced the folder (perhaps a symlink).
      const under = (p: string): boolean => p === path || p.startsWith(`${path}/`);
      for (const set of [this.knownDirs, this.opaqueDirs]) for (const p of set) if (under(p)) set.delete(p);
      for (const map of [this.pendingDirs, this.pendingFifos])
        for (const p of map.keys()) if (under(p)) map.delete(p);
    }
    await rm(this.full(path), { recursive: true, force: true });
  }

  private async writeDir(path: string, meta: Metadata): Promise<void> {
    if (path !== '') {
      const stats = await this.lstatInLayer(path);
      if (stats && !stats.isDirectory()) await this.prepare(path);
      await this.ensureDir(path);
    }
    this.pendingDirs.set(path, meta);
  }

  private async writeFile(path: string, meta: Metadata, body: EntryBody, size: number): Promise<void> {
    await this.prepare(path);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    const file = await open(this.full(path), flags, 0o600);
    try {
      // tar-stream hands out small slices; gathering them into one writev per MiB saves most of
      // the round trips to the thread pool, which dominate unpacking otherwise.
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      for await (const chunk of body) {
        pending.push(chunk as Uint8Array);
        pendingBytes += (chunk as Uint8Array).length;
        if (pendingBytes >= WRITE_BATCH_BYTES) {
          await file.writev(pending);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pending.length > 0) await file.writev(pending);
    } finally {
      await file.close();
    }
    this.size += size;
    await this.applyMetadata(path, meta, 'node');
  }

  private async writeSymlink(path: string, target: string, meta: Metadata): Promise<void> {
    await this.prepare(path);
    // The target is not checked: it is resolved inside the container's root, not here.
    await symlink(target, this.full(path));
    await this.applyMetadata(path, meta, 'symlink');
  }

  private async writeHardLink(path: string, linkname: string): Promise<void> {
    const target = cleanEntryPath(linkname, 'hard link target');
    if (target === '' || target === path) {
      throw new ContentError(`layer hard link ${JSON.stringify(path)} points at ${JSON.stringify(linkname)}`);
    }
    for (const parent of parentPaths(target)) {
      const stats = await this.lstatInLayer(parent);
      if (!stats?.isDirectory()) {
        throw new ContentError(
          `layer hard link ${JSON.stringify(path)} points through ${JSON.stringify(parent)}, not a folder of this layer`,
        );
      }
    }
    const stats = await this.lstatInLayer(target);
    if (!stats || stats.isDirectory()) {
      throw new ContentError(
        `layer hard link ${JSON.stringify(path)} points at ${JSON.stringify(linkname)}, which is not a file of this layer`,
      );
    }
    await this.prepare(path);
    await link(this.full(target), this.full(path));
  }

  private async writeWhiteout(path: string): Promise<void> {
    await this.prepare(path);
    const device = await this.whiteoutTemplate();
    try {
      await link(device, this.full(path));
    } catch (error) {
      // EMLINK: the filesystem's link-count limit (65000 on ext4); start a fresh device.
      if ((error as NodeJS.ErrnoException).code !== 'EMLINK') throw error;
      this.whiteoutDevice = undefined;
      await link(await this.whiteoutTemplate(), this.full(path));
    }
  }

  private async whiteoutTemplate(): Promise<string> {
    if (this.whiteoutDevice) return this.whiteoutDevice;
    const device = join(this.options.scratchDir, `whiteout-${this.whiteoutCount++}`);
    try {
      await run('mknod', ['-m', '000', device, 'c', '0', '0']);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new Error(
        `cannot create an overlay whiteout (mknod c 0 0, Linux 5.8+): ${stderr || String(error)}`,
        {
          cause: error,
        },
      );
    }
    this.whiteoutDevice = device;
    return device;
  }

  private async lstatInLayer(path: string): Promise<Stats | undefined> {
    try {
      return await lstat(this.full(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private async applyMetadata(path: string, meta: Metadata, kind: 'node' | 'symlink'): Promise<void> {
    const full = this.full(path);
    if (this.options.ownership === 'preserve') {
      try {
        await lchown(full, meta.uid, meta.gid);
      } catch (error) {
        // EINVAL: the uid or gid has no mapping in this user namespace (/etc/subuid too small).
        if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
        throw new ContentError(
          `layer entry ${JSON.stringify(path)} is owned by ${meta.uid}:${meta.gid}, which the user namespace does not map (widen /etc/subuid and /etc/subgid)`,
          { cause: error },
        );
      }
    }
    if (kind === 'symlink') {
      await lutimes(full, meta.mtime, meta.mtime);
      return;
    }
    // After chown, which clears set-uid and set-gid bits.
    await chmod(full, meta.mode);
    await utimes(full, meta.mtime, meta.mtime);
  }
}

function depth(path: string): number {
  return path === '' ? 0 : path.split('/').length;
}
