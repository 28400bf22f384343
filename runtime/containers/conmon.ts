/**
 * Starting a container under conmon, the way podman does (libpod `oci_conmon_linux.go`): conmon
 * runs `runc create`, holds the container's stdio and writes it to a k8s-file log, waits for the
 * container and writes its exit code to `<exit-dir>/<id>`. conmon double-forks and we start it in
 * its own session, so the container outlives the engine (and whatever started the engine).
 *
 * conmon reports the container's pid on the sync pipe (fd 3, `_OCI_SYNCPIPE`) as
 * `{"data": <pid>}`, or a negative number and a message when `runc create` failed. After that the
 * container is `created`; the caller runs `runc start`. We close our end of the pipe once the pid
 * has arrived: conmon copes with a closed pipe, and the engine must not hold a descriptor per
 * container.
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ConmonOptions {
  id: string;
  name: string;
  conmonPath: string;
  runtimePath: string;
  runtimeRoot: string;
  bundle: string;
  pidFile: string;
  conmonPidFile: string;
  logPath: string;
  exitDir: string;
  socketDir: string;
  terminal: boolean;
}

/** conmon's arguments (API version 1, as podman passes them). Pure. */
export function conmonArgs(options: ConmonOptions): string[] {
  const args = [
    '--api-version',
    '1',
    '-c',
    options.id,
    '-u',
    options.id,
    '-n',
    options.name,
    '-r',
    options.runtimePath,
    '-b',
    options.bundle,
    '-p',
    options.pidFile,
    '-P',
    options.conmonPidFile,
    '-l',
    `k8s-file:${options.logPath}`,
    '--exit-dir',
    options.exitDir,
    '--socket-dir-path',
    options.socketDir,
    '--log-level',
    'warning',
    `--runtime-arg=--root=${options.runtimeRoot}`,
  ];
  if (options.terminal) args.push('-t');
  return args;
}

export interface LaunchedContainer {
  pid: number;
  conmonPid: number;
}

/** Runs conmon and waits for `runc create` to finish; conmon's own messages go to `conmonLog`. */
export async function launchConmon(
  options: ConmonOptions,
  conmonLog: string,
  timeoutMs = 60_000,
): Promise<LaunchedContainer> {
  const logFd = openSync(conmonLog, 'a');
  const child = spawn(options.conmonPath, conmonArgs(options), {
    cwd: options.bundle,
    stdio: ['ignore', logFd, logFd, 'pipe'],
    env: { ...process.env, _OCI_SYNCPIPE: '3' },
    detached: true,
  });
  closeSync(logFd);
  child.unref();
  const sync = child.stdio[3];
  if (!sync) throw new Error('conmon started without its sync pipe');
  const message = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`conmon did not report the container's pid within ${timeoutMs} ms`)),
      timeoutMs,
    );
    sync.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.slice(0, text.indexOf('\n')));
      }
    });
    sync.on('end', () => {
      clearTimeout(timer);
      resolve(text);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).finally(() => sync.destroy());
  const pid = parseSyncMessage(message);
  if (pid.error !== undefined) {
    const details = await readFile(conmonLog, 'utf8').catch(() => '');
    throw new Error(`cannot create the container: ${pid.error}${details ? `\n${details.trim()}` : ''}`);
  }
  const conmonPid = Number((await readFile(options.conmonPidFile, 'utf8')).trim());
  return { pid: pid.pid, conmonPid };
}

/** `{"data": 123}` → pid 123; `{"data": -1, "message": "…"}` → the error. Pure. */
export function parseSyncMessage(
  text: string,
): { pid: number; error?: undefined } | { pid?: undefined; error: string } {
  if (text.trim() === '') return { error: 'conmon exited without reporting a pid' };
  let parsed: { data?: unknown; message?: unknown };
  try {
    parsed = JSON.parse(text) as { data?: unknown; message?: unknown };
  } catch {
    // SyntaxError: conmon wrote something that is not its JSON; show it as is.
    return { error: `unexpected message from conmon: ${text}` };
  }
  if (typeof parsed.data === 'number' && parsed.data > 0) return { pid: parsed.data };
  return {
    error:
      typeof parsed.message === 'string' && parsed.message
        ? parsed.message
        : `conmon reported ${String(parsed.data)}`,
  };
}
