/**
 * Networks and sandboxes on disk, under `<dataDir>/networks/`: `<id>.json` per network and
 * `sandboxes/<container id>.json` per attached container, each written atomically, so a crash
 * leaves the old record or the new one. Temporary files (`.tmp-*`) of an interrupted write are
 * skipped on load.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../write-file-atomic.js';
import type { NetworkRecord, SandboxRecord } from './network-record.js';

export class NetworkStore {
  private readonly sandboxDir: string;

  constructor(private readonly dir: string) {
    this.sandboxDir = join(dir, 'sandboxes');
  }

  async saveNetwork(record: NetworkRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeJsonAtomic(join(this.dir, `${record.Id}.json`), record);
  }

  async deleteNetwork(id: string): Promise<void> {
    await rm(join(this.dir, `${id}.json`), { force: true });
  }

  async saveSandbox(record: SandboxRecord): Promise<void> {
    await mkdir(this.sandboxDir, { recursive: true, mode: 0o700 });
    await writeJsonAtomic(join(this.sandboxDir, `${record.ContainerId}.json`), record);
  }

  async deleteSandbox(containerId: string): Promise<void> {
    await rm(join(this.sandboxDir, `${containerId}.json`), { force: true });
  }

  loadNetworks(): Promise<NetworkRecord[]> {
    return readRecords<NetworkRecord>(this.dir);
  }

  loadSandboxes(): Promise<SandboxRecord[]> {
    return readRecords<SandboxRecord>(this.sandboxDir);
  }
}

async function readRecords<T>(dir: string): Promise<T[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    // ENOENT: nothing was ever saved here.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.tmp-'));
  return Promise.all(files.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as T));
}
