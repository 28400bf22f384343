/**
 * Learning that a container exited: conmon writes its exit code to `<exit dir>/<id>` when the
 * container's process ends. The watcher uses inotify (fs.watch on the folder) for speed and a slow
 * poll as a backstop, and also notices a conmon that died without writing the file (killed by
 * hand, machine out of memory), which leaves the exit code unknown.
 *
 * It works the same for a container started by this engine and one found running after an engine
 * restart: all it needs is the file's path and conmon's pid.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { isProcessAlive } from '../host/process-alive.js';

export type ExitReport = { kind: 'exited'; exitCode: number; at: Date } | { kind: 'monitor-lost' };

export interface ExitWatch {
  close(): void;
}

export function watchExit(
  exitFile: string,
  conmonPid: number,
  onExit: (report: ExitReport) => void,
  pollMs = 1000,
): ExitWatch {
  let done = false;
  let watcher: FSWatcher | undefined;
  let checking = false;
  const finish = (report: ExitReport): void => {
    if (done) return;
    done = true;
    close();
    onExit(report);
  };
  const check = async (): Promise<void> => {
    if (done || checking) return;
    checking = true;
    try {
      const code = await readExitCode(exitFile);
      if (code !== undefined) return finish({ kind: 'exited', exitCode: code, at: new Date() });
      if (!isProcessAlive(conmonPid)) {
        // conmon writes the file before it exits; look once more to close that window.
        const late = await readExitCode(exitFile);
        finish(
          late !== undefined ? { kind: 'exited', exitCode: late, at: new Date() } : { kind: 'monitor-lost' },
        );
      }
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), pollMs);
  try {
    watcher = watch(dirname(exitFile), (_event, name) => {
      if (name === null || name === basename(exitFile)) void check();
    });
  } catch (error) {
    // ENOENT: the exit folder is missing (the container was never started); the poll still runs.
    void error;
  }
  function close(): void {
    clearInterval(timer);
    watcher?.close();
  }
  void check();
  return { close: () => ((done = true), close()) };
}

/** The code in a conmon exit file; `undefined` while it does not exist or is still being written. */
export async function readExitCode(exitFile: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(exitFile, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
