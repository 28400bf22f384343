/**
 * The loader's only window on the disk. Stages that must read files (include, extends from
 * another file, env files) receive a `FileSystem`, so the whole pipeline runs unchanged on an
 * in-memory tree in tests and in the conformance suite.
 */
export interface FileSystem {
  /** Throws a NodeJS.ErrnoException-like error with `code` 'ENOENT' when the file is missing. */
  readFile(path: string): string;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
}

/** An in-memory file system: keys are absolute paths, directories are implied by the files. */
export function memoryFileSystem(files: Readonly<Record<string, string>>): FileSystem {
  const directories = new Set<string>(['/']);
  for (const path of Object.keys(files)) {
    let dir = path;
    while ((dir = dir.slice(0, dir.lastIndexOf('/')) || '/') !== '/') directories.add(dir);
  }
  return {
    readFile(path) {
      const content = files[path];
      if (content === undefined) {
        throw Object.assign(new Error(`open ${path}: no such file or directory`), { code: 'ENOENT' });
      }
      return content;
    },
    exists: (path) => path in files || directories.has(path),
    isDirectory: (path) => directories.has(path),
  };
}
