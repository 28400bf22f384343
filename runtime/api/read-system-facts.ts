/**
 * Gathers, once at engine start, what `/version` and `/info` report about the host: kernel,
 * distribution, CPUs, memory, the OCI runtime's path and version, the cgroup version, and a
 * stable engine id (kept in `dataDir/engine-id`, written atomically on first start).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { arch, cpus, hostname, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { findProgram } from '../host/find-program.js';
import type { EnginePaths } from '../host/paths.js';
import { probeCgroupMode } from '../host/probe-cgroup-mode.js';
import { writeFileAtomicSync } from '../write-file-atomic.js';
import type { SystemFacts } from './system-service.js';

/** Node's names for CPU architectures, as Go (and so Docker) spells them, and as `uname -m` does. */
const GO_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };
const MACHINE: Readonly<Record<string, string>> = {
  x64: 'x86_64',
  arm64: 'aarch64',
  arm: 'armv7l',
  ia32: 'i686',
};

export interface FactsInput {
  paths: EnginePaths;
  env: Readonly<Record<string, string | undefined>>;
  engineVersion: string;
  ociRuntime: string;
  storageDriver: string;
  warnings?: string[];
}

export async function readSystemFacts(input: FactsInput): Promise<SystemFacts> {
  const runtimePath = findProgram(input.ociRuntime, input.env) ?? input.ociRuntime;
  const osRelease = readOsRelease();
  return {
    engineVersion: input.engineVersion,
    engineId: readEngineId(input.paths),
    hostname: hostname(),
    kernelVersion: release(),
    operatingSystem: osRelease.PRETTY_NAME ?? 'Linux',
    osVersion: osRelease.VERSION_ID ?? '',
    arch: GO_ARCH[arch()] ?? arch(),
    machine: MACHINE[arch()] ?? arch(),
    cpus: cpus().length,
    memTotal: totalmem(),
    ociRuntime: { name: input.ociRuntime, path: runtimePath, version: await runtimeVersion(runtimePath) },
    storageDriver: input.storageDriver,
    dataDir: input.paths.dataDir,
    cgroupVersion: probeCgroupMode() === 'unified' ? '2' : '1',
    nodeVersion: process.version,
    warnings: input.warnings ?? [],
  };
}

/** `runc version 1.1.5` → `1.1.5`; an unknown runtime answers with an empty version, not a failure. */
async function runtimeVersion(path: string): Promise<string> {
  const result = await execa(path, ['--version'], { reject: false, timeout: 5_000 });
  return /version\s+(\S+)/.exec(result.stdout)?.[1] ?? '';
}

function readOsRelease(): Record<string, string> {
  let text: string;
  try {
    text = readFileSync('/etc/os-release', 'utf8');
  } catch (error) {
    // ENOENT: a minimal system without os-release; `info` then says "Linux".
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=("?)(.*)\2$/.exec(line.trim());
    if (match?.[1] !== undefined) fields[match[1]] = match[3] ?? '';
  }
  return fields;
}

function readEngineId(paths: EnginePaths): string {
  const file = join(paths.dataDir, 'engine-id');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    // ENOENT: the first start of this engine; make its id.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const id = randomUUID();
  writeFileAtomicSync(file, `${id}\n`);
  return id;
}
