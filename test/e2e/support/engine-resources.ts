/**
 * What this user's engine holds, seen from outside it: containers and networks and volumes (the
 * stock docker CLI), port forwards (rootlesskit's API, where the published ports really live)
 * and processes (everything in the engine's user namespace but the pause process and the engine
 * itself: conmon and the containers' processes). Lists rather than counts, so a test that finds
 * a leftover can say which one.
 */
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { currentEnginePaths } from '../../../runtime/host/current-engine-paths.js';
import { rootlesskitApiSocket } from '../../../runtime/host/paths.js';
import { readEnginePid } from '../../../runtime/host/read-engine-pid.js';
import { dockerOk } from './commands.js';

const run = promisify(execFile);

export interface EngineResources {
  readonly containers: readonly string[];
  readonly networks: readonly string[];
  readonly volumes: readonly string[];
  /** `tcp 127.0.0.1:8080 -> 80`, one per forward rootlesskit holds. */
  readonly forwards: readonly string[];
  /** The command names (comm) of the live processes in the engine's namespaces, sorted. */
  readonly processes: readonly string[];
}

export async function engineResources(): Promise<EngineResources> {
  return {
    containers: await lines(['ps', '-a', '--format', '{{.Names}} {{.State}}']),
    networks: await lines(['network', 'ls', '--format', '{{.Name}}']),
    volumes: await lines(['volume', 'ls', '--format', '{{.Name}}']),
    forwards: await portForwards(),
    processes: engineNamespaceProcesses(),
  };
}

async function lines(args: readonly string[]): Promise<string[]> {
  return (await dockerOk(args)).split('\n').filter(Boolean).sort();
}

interface RootlesskitPort {
  spec: { proto: string; parentIP?: string; parentPort: number; childPort: number };
}

export async function portForwards(): Promise<string[]> {
  const { stdout } = await run('rootlessctl', [
    '--socket',
    rootlesskitApiSocket(currentEnginePaths()),
    'list-ports',
    '--json',
  ]);
  return stdout
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => {
      const { spec } = JSON.parse(line) as RootlesskitPort;
      return `${spec.proto} ${spec.parentIP ?? ''}:${spec.parentPort} -> ${spec.childPort}`;
    })
    .sort();
}

/** The engine's pid, or undefined when no engine runs. */
export function enginePid(): number | undefined {
  return readEnginePid(currentEnginePaths());
}

/** The pid of the pause process that holds the namespaces (rootlesskit's child). */
function pausePid(): number {
  return Number(readFileSync(join(currentEnginePaths().rootlesskitDir, 'child_pid'), 'utf8').trim());
}

function engineNamespaceProcesses(): string[] {
  const pause = pausePid();
  const namespace = userNamespace(pause);
  const engine = enginePid();
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === pause || pid === engine || userNamespace(pid) !== namespace) continue;
    const stat = readProcFile(pid, 'stat');
    // `pid (comm) state …`: comm may hold spaces and parentheses, so cut at the last ')'.
    const close = stat?.lastIndexOf(')') ?? -1;
    if (stat === undefined || close < 0) continue;
    // A zombie has exited and holds nothing: conmon's wait there for the host's init to reap them.
    if (stat.charAt(close + 2) === 'Z') continue;
    found.push(stat.slice(stat.indexOf('(') + 1, close));
  }
  return found.sort();
}

function userNamespace(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/user`);
  } catch (error) {
    return ignoreGoneProcess(error);
  }
}

function readProcFile(pid: number, name: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch (error) {
    return ignoreGoneProcess(error);
  }
}

/** A process that exited while /proc was read (ENOENT, ESRCH), or another user's (EACCES). */
function ignoreGoneProcess(error: unknown): undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ESRCH' || code === 'EACCES') return undefined;
  throw error;
}
