/**
 * Networks and sandboxes on disk, under `<dataDir>/networks/`: `<id>.json` per network and
 * `sandboxes/<container id>.json` per attached container, each written atomically, so a crash
 * leaves the old record or the new one. Temporary files (`.tmp-*`) of an interrupted write are
 * skipped on load.
 *
 * Sandboxes are not fsynced: one is written at every container start, and what it describes (the
 * namespace, its links, rootlesskit's forwards) lives in memory and does not survive the power cut
 * that an fsync guards against. After such a cut, a sandbox file that lost its contents is
 * skipped on load, as the sandbox itself is gone.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileReplace } from '../containers/write-file-replace.js';
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
    await writeFileReplace(
      join(this.sandboxDir, `${record.ContainerId}.json`),
      JSON.stringify(record, null, 2) + '\n',
    );
  }

  async deleteSandbox(containerId: string): Promise<void> {
    await rm(join(this.sandboxDir, `${containerId}.json`), { force: true });
  }

  loadNetworks(): Promise<NetworkRecord[]> {
    return readRecords<NetworkRecord>(this.dir);
  }

  loadSandboxes(): Promise<SandboxRecord[]> {
    return readRecords<SandboxRecord>(this.sandboxDir, 'skip-unreadable');
  }
}

/** `skip-unreadable`: a file that does not parse (emptied by a power cut) is left out. */
async function readRecords<T>(dir: string, damaged: 'fail' | 'skip-unreadable' = 'fail'): Promise<T[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    // ENOENT: nothing was ever saved here.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.tmp-'));
  const records = await Promise.all(
    files.map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8');
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        // SyntaxError: the file lost its contents; only sandbox files may, and they are then moot.
        if (damaged === 'skip-unreadable' && error instanceof SyntaxError) return undefined;
        throw error;
      }
    }),
  );
  return records.filter((record): record is Awaited<T> => record !== undefined);
}
