/**
 * Container records on disk: one folder per container under `<dataDir>/containers/`, the record
 * written atomically. A folder without a record is a create that crashed half-way; `loadAll`
 * reports it so the caller can delete it (nothing else refers to it yet).
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../write-file-atomic.js';
import { containerFiles, type ContainerRecord } from './container-record.js';

export class ContainerStore {
  constructor(readonly dir: string) {}

  files(id: string): ReturnType<typeof containerFiles> {
    return containerFiles(this.dir, id);
  }

  async save(record: ContainerRecord): Promise<void> {
    const files = this.files(record.Id);
    await mkdir(files.dir, { recursive: true });
    await writeJsonAtomic(files.record, record);
  }

  async loadAll(): Promise<{ records: ContainerRecord[]; orphans: string[] }> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
        return { records: [], orphans: [] };
      throw error;
    }
    const records: ContainerRecord[] = [];
    const orphans: string[] = [];
    for (const id of entries) {
      try {
        records.push(JSON.parse(await readFile(this.files(id).record, 'utf8')) as ContainerRecord);
      } catch (error) {
        // ENOENT: the create crashed before its record was written.
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
          orphans.push(join(this.dir, id));
        else throw error;
      }
    }
    return { records, orphans };
  }

  async delete(id: string): Promise<void> {
    await rm(this.files(id).dir, { recursive: true, force: true });
  }
}
