/**
 * The real `FileSystem`, for the CLI. This and `discover.ts` are the loader's only modules that
 * touch the disk (see file-system.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import type { FileSystem } from './file-system.js';

export const nodeFileSystem: FileSystem = {
  readFile: (path) => readFileSync(path, 'utf8'),
  exists: (path) => statSync(path, { throwIfNoEntry: false }) !== undefined,
  isDirectory: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
};
