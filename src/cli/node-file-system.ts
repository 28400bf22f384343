/**
 * The real `FileSystem`, handed to the loader by the CLI. It lives here, not in src/compose, so
 * that the loader itself never imports I/O: it reads only through the `FileSystem` it is given.
 */
import { readFileSync, statSync } from 'node:fs';
import type { FileSystem } from '../compose/file-system.js';

export const nodeFileSystem: FileSystem = {
  readFile: (path) => readFileSync(path, 'utf8'),
  exists: (path) => statSync(path, { throwIfNoEntry: false }) !== undefined,
  isDirectory: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
};
