/**
 * What `tscompose engine start|stop|status|logs` do, once their flags are parsed. Each function
 * reads the world through the thin launcher (runtime/engine-launcher.ts) or the socket, writes
 * its result to `out`, and returns the exit code: 0, or 1 when the engine is not running (status)
 * or failed to start. They ignore `DOCKER_HOST`: these commands manage tscompose's own engine.
 */
import { createReadStream, existsSync, statSync, watch } from 'node:fs';
import { toEngineError } from './engine-error.js';
import { dockerFor } from './connect.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface AdminOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

async function launcher() {
  return import('../../runtime/engine-launcher.js');
}

export async function startEngineCommand(env: Env, out: AdminOutput): Promise<number> {
  const { launchEngine } = await launcher();
  const started = await launchEngine(env);
  const pid = started.pid === undefined ? '' : ` (pid ${started.pid})`;
  const verb = started.how === 'started' ? 'started' : 'already running';
  out.stdout(`engine ${verb}${pid}, listening on ${started.socket}\n`);
  return 0;
}

export async function stopEngineCommand(
  env: Env,
  out: AdminOutput,
  options: { namespaces: boolean },
): Promise<number> {
  const { haltEngine } = await launcher();
  const stopped = await haltEngine(env, { namespaces: options.namespaces ? 'stop' : 'keep' });
  out.stdout(
    stopped.engine === 'not-running' ? 'engine was not running\n' : `engine stopped (${stopped.engine})\n`,
  );
  if (options.namespaces) out.stdout(`namespaces: ${stopped.namespaces}\n`);
  return 0;
}

export interface EngineStatus {
  running: boolean;
  pid: number | undefined;
  socket: string;
  logFile: string;
  version?: string;
  apiVersion?: string;
}

export async function readEngineStatus(env: Env): Promise<EngineStatus> {
  const { locateEngine, engineAnswers, enginePid } = await launcher();
  const paths = locateEngine(env);
  const status: EngineStatus = {
    running: await engineAnswers(paths),
    pid: enginePid(env),
    socket: paths.socket,
    logFile: paths.logFile,
  };
  if (!status.running) return status;
  try {
    const version = await dockerFor({ kind: 'unix', socketPath: paths.socket }, env).version();
    return { ...status, version: version.Version, apiVersion: version.ApiVersion };
  } catch (error) {
    throw toEngineError('engine version', error);
  }
}

export async function statusEngineCommand(
  env: Env,
  out: AdminOutput,
  options: { json: boolean },
): Promise<number> {
  const status = await readEngineStatus(env);
  if (options.json) {
    out.stdout(`${JSON.stringify(status)}\n`);
  } else if (status.running) {
    const pid = status.pid === undefined ? '' : `, pid ${status.pid}`;
    out.stdout(
      `running${pid}, version ${status.version}, API ${status.apiVersion}, socket ${status.socket}\n`,
    );
  } else {
    out.stdout(`not running (socket ${status.socket})\n`);
  }
  return status.running ? 0 : 1;
}

/** Prints the engine's log (the last `tail` lines), then with `follow` what it appends, until aborted. */
export async function logsEngineCommand(
  env: Env,
  out: AdminOutput,
  options: { follow: boolean; tail?: number; signal?: AbortSignal },
): Promise<number> {
  const { locateEngine } = await launcher();
  const { logFile } = locateEngine(env);
  if (!existsSync(logFile)) {
    out.stderr(`no engine log yet at ${logFile}\n`);
    return options.follow ? followFrom(logFile, 0, out, options.signal) : 0;
  }
  const text = await readRange(logFile, 0);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const shown = options.tail === undefined ? lines : lines.slice(Math.max(lines.length - options.tail, 0));
  if (shown.length > 0) out.stdout(`${shown.join('\n')}\n`);
  return options.follow ? followFrom(logFile, Buffer.byteLength(text), out, options.signal) : 0;
}

async function followFrom(
  file: string,
  offset: number,
  out: AdminOutput,
  signal?: AbortSignal,
): Promise<number> {
  let position = offset;
  let reading = Promise.resolve();
  const readNew = () => {
    reading = reading.then(async () => {
      if (!existsSync(file)) return;
      // The engine log is appended to; a smaller file means it was truncated or replaced.
      if (statSync(file).size < position) position = 0;
      const text = await readRange(file, position);
      position += Buffer.byteLength(text);
      if (text !== '') out.stdout(text);
    });
  };
  const watcher = watch(existsSync(file) ? file : `${file}/..`, readNew);
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', () => resolve());
  });
  watcher.close();
  await reading;
  return 0;
}

function readRange(file: string, start: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(file, { start })
      .on('data', (chunk) => chunks.push(chunk as Buffer))
      .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      .on('error', reject);
  });
}
