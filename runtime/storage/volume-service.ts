/**
 * Named volumes, Docker's `local` driver: each one is a folder `<dir>/<name>/_data` plus its
 * metadata (`volume.json`: labels, options, creation time). A volume is created whole or not at
 * all: it is built in a temporary folder and renamed into place, so a crash never lists half a
 * volume.
 *
 * Options: the `local` driver's bind form (`type=none, o=bind, device=/path`, which compose writes
 * for `driver_opts`) makes the volume a name for that host folder; other mount types (nfs, tmpfs
 * devices) need root on the host and are refused.
 *
 * Which containers use a volume is the container service's knowledge; it registers a probe
 * (`setUsageProbe`) so that `remove` can refuse a volume in use, as Docker does.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ListFilters, Volume, VolumeCreateRequest } from '../api/engine-types.js';
import { writeJsonAtomic } from '../write-file-atomic.js';
import { badRequest, conflict, notFound } from '../status-error.js';

interface VolumeMetadata {
  Name: string;
  CreatedAt: string;
  Labels: Record<string, string>;
  Options: Record<string, string>;
}

export type UsageProbe = (volumeName: string) => string[];

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export class VolumeService {
  private usedBy: UsageProbe = () => [];

  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The container service tells which containers mount a volume (ids); called once at wiring. */
  setUsageProbe(probe: UsageProbe): void {
    this.usedBy = probe;
  }

  /** Creates the volume, or returns it unchanged when it exists (Docker's answer to a repeat). */
  async create(request: VolumeCreateRequest = {}): Promise<Volume> {
    const name = request.Name || randomBytes(32).toString('hex');
    validateName(name);
    if (request.Driver && request.Driver !== 'local')
      throw badRequest(`volume driver "${request.Driver}" is not supported; only "local" is`);
    const options = request.DriverOpts ?? {};
    validateOptions(name, options);
    const existing = await this.read(name);
    if (existing) return this.toVolume(existing);

    await mkdir(this.dir, { recursive: true });
    const staging = join(this.dir, `.tmp-${name}-${randomBytes(4).toString('hex')}`);
    const metadata: VolumeMetadata = {
      Name: name,
      CreatedAt: this.now().toISOString(),
      Labels: request.Labels ?? {},
      Options: options,
    };
    await mkdir(join(staging, '_data'), { recursive: true, mode: 0o755 });
    await writeJsonAtomic(join(staging, 'volume.json'), metadata);
    try {
      await rename(staging, join(this.dir, name));
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      // ENOTEMPTY/EEXIST: another request created it first; answer with that one.
      const raced = await this.read(name);
      if (raced) return this.toVolume(raced);
      throw error;
    }
    return this.toVolume(metadata);
  }

  async inspect(name: string): Promise<Volume> {
    const metadata = await this.read(name);
    if (!metadata) throw notFound(`get ${name}: no such volume`);
    return this.toVolume(metadata);
  }

  async exists(name: string): Promise<boolean> {
    return (await this.read(name)) !== undefined;
  }

  /** Docker's filters: `name` (substring), `label` (`key` or `key=value`), `dangling` (`true`/`false`). */
  async list(filters: ListFilters = {}): Promise<Volume[]> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
    const volumes: Volume[] = [];
    for (const entry of entries.sort()) {
      if (entry.startsWith('.tmp-')) continue;
      const metadata = await this.read(entry);
      if (metadata && this.matches(metadata, filters)) volumes.push(this.toVolume(metadata));
    }
    return volumes;
  }

  /** Refuses a volume that a container uses (running or not), as Docker does; `force` ignores a missing one. */
  async remove(name: string, options: { force?: boolean } = {}): Promise<void> {
    const metadata = await this.read(name);
    if (!metadata) {
      if (options.force) return;
      throw notFound(`get ${name}: no such volume`);
    }
    const users = this.usedBy(name);
    if (users.length > 0) throw conflict(`remove ${name}: volume is in use - [${users.join(', ')}]`);
    // Rename first so a crash half-way through the delete leaves a `.tmp-` folder, not a broken volume.
    const doomed = join(this.dir, `.tmp-removed-${name}-${randomBytes(4).toString('hex')}`);
    await rename(join(this.dir, name), doomed);
    await rm(doomed, { recursive: true, force: true });
  }

  /** Removes unused volumes: anonymous ones only unless `all` (Docker 23+). */
  async prune(
    options: { all?: boolean; filters?: ListFilters } = {},
  ): Promise<{ VolumesDeleted: string[]; SpaceReclaimed: number }> {
    const deleted: string[] = [];
    for (const volume of await this.list(options.filters)) {
      if (this.usedBy(volume.Name).length > 0) continue;
      if (!options.all && !isAnonymous(volume)) continue;
      await this.remove(volume.Name);
      deleted.push(volume.Name);
    }
    return { VolumesDeleted: deleted, SpaceReclaimed: 0 };
  }

  /** The folder containers see: the volume's `_data`, or the host folder of a bind-type volume. */
  async mountSource(name: string): Promise<string> {
    const metadata = await this.read(name);
    if (!metadata) throw notFound(`get ${name}: no such volume`);
    const device = bindDevice(metadata.Options);
    if (device) {
      await stat(device).catch((cause: unknown) => {
        throw badRequest(`volume ${name}: bind device ${device} is not usable: ${String(cause)}`);
      });
      return device;
    }
    return this.mountpoint(name);
  }

  mountpoint(name: string): string {
    return join(this.dir, name, '_data');
  }

  private matches(metadata: VolumeMetadata, filters: ListFilters): boolean {
    for (const wanted of filters.name ?? []) if (!metadata.Name.includes(wanted)) return false;
    for (const wanted of filters.label ?? []) {
      const [key = '', value] = splitOnce(wanted, '=');
      if (!(key in metadata.Labels)) return false;
      if (value !== undefined && metadata.Labels[key] !== value) return false;
    }
    for (const wanted of filters.dangling ?? []) {
      const dangling = this.usedBy(metadata.Name).length === 0;
      if ((wanted === 'true' || wanted === '1') !== dangling) return false;
    }
    return true;
  }

  private toVolume(metadata: VolumeMetadata): Volume {
    return {
      Name: metadata.Name,
      Driver: 'local',
      Mountpoint: this.mountpoint(metadata.Name),
      CreatedAt: metadata.CreatedAt,
      Labels: metadata.Labels,
      Scope: 'local',
      Options: Object.keys(metadata.Options).length > 0 ? metadata.Options : null,
    };
  }

  private async read(name: string): Promise<VolumeMetadata | undefined> {
    if (!NAME.test(name)) return undefined;
    try {
      return JSON.parse(await readFile(join(this.dir, name, 'volume.json'), 'utf8')) as VolumeMetadata;
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  }
}

function validateName(name: string): void {
  if (!NAME.test(name)) {
    throw badRequest(
      `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
  }
}

function validateOptions(name: string, options: Record<string, string>): void {
  if (Object.keys(options).length === 0 || bindDevice(options)) return;
  throw badRequest(
    `create ${name}: driver options ${JSON.stringify(options)} need root on the host; only type=none,o=bind,device=<absolute path> is supported`,
  );
}

/** The host folder of a `type=none, o=bind, device=/path` volume. */
function bindDevice(options: Record<string, string>): string | undefined {
  const flags = (options.o ?? '').split(',');
  if (options.type === 'none' && flags.includes('bind') && options.device?.startsWith('/'))
    return options.device;
  return undefined;
}

/** Docker marks anonymous volumes with a label (23+); older ones are known by their 64-hex name. */
export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';

function isAnonymous(volume: Volume): boolean {
  return (
    (volume.Labels !== null && ANONYMOUS_VOLUME_LABEL in volume.Labels) || /^[0-9a-f]{64}$/.test(volume.Name)
  );
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
