/**
 * The engine's pid from the pid file, if the process it names is still the engine. A pid file
 * outlives a SIGKILLed engine and the kernel reuses pids, so the process must be alive, run node,
 * and live in another user namespace than ours (the engine's), before anyone signals it.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import type { EnginePaths } from './paths.js';
import { isProcessAlive, processCommandLine } from './process-alive.js';

export function readEnginePid(paths: EnginePaths): number | undefined {
  let text: string;
  try {
    text = readFileSync(paths.pidFile, 'utf8');
  } catch (error) {
    // ENOENT: no engine was ever started with these paths, or it was stopped.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const pid = Number(text.trim());
  return isEngineProcess(pid) ? pid : undefined;
}

function isEngineProcess(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  const argv0 = processCommandLine(pid)?.[0];
  if (argv0 === undefined || !basename(argv0).startsWith('node')) return false;
  const theirs = userNamespace(pid);
  return theirs !== undefined && theirs !== userNamespace(process.pid);
}

function userNamespace(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/user`);
  } catch (error) {
    // ENOENT: it exited; EACCES: not ours to inspect, so not our engine either.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') return undefined;
    throw error;
  }
}
