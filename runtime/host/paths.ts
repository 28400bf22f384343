/**
 * Where one user's engine keeps its files. Two roots, as the XDG base directory spec asks:
 * `runtimeDir` for what dies with the session (sockets, pids, the rootlesskit state dir, runc's
 * state) and `dataDir` for what must survive a reboot (images, containers, volumes, the log).
 *
 * Pure: the environment, uid and home come in as values, so the engine (which runs as uid 0
 * inside its user namespace) computes the same paths as the CLI by passing the host uid.
 * Making the folders is `ensureRuntimeDir`'s job, not this module's.
 */
import { isAbsolute, join } from 'node:path';

export interface EnginePaths {
  /** `$XDG_RUNTIME_DIR/tscompose`, else `/tmp/tscompose-<uid>`; always mode 0700. */
  readonly runtimeDir: string;
  /** The Docker API socket the engine serves (mode 0600). */
  readonly socket: string;
  /** The engine's pid, written by `startEngine`. */
  readonly pidFile: string;
  /** rootlesskit's `--state-dir`: `child_pid`, `api.sock` (port forwards), `lock`. */
  readonly rootlesskitDir: string;
  /** runc's `--root`. */
  readonly runcRoot: string;
  /** `$XDG_DATA_HOME/tscompose`, else `~/.local/share/tscompose`. */
  readonly dataDir: string;
  /** The engine's stdout and stderr. */
  readonly logFile: string;
}

export function enginePaths(
  env: Readonly<Record<string, string | undefined>>,
  uid: number,
  home: string,
): EnginePaths {
  // The XDG spec says a relative value is invalid and must be ignored.
  const xdgRuntime = absoluteOrUndefined(env.XDG_RUNTIME_DIR);
  const xdgData = absoluteOrUndefined(env.XDG_DATA_HOME);
  const runtimeDir = xdgRuntime ? join(xdgRuntime, 'tscompose') : `/tmp/tscompose-${uid}`;
  const dataDir = join(xdgData ?? join(home, '.local', 'share'), 'tscompose');
  return {
    runtimeDir,
    socket: join(runtimeDir, 'engine.sock'),
    pidFile: join(runtimeDir, 'engine.pid'),
    rootlesskitDir: join(runtimeDir, 'rootlesskit'),
    runcRoot: join(runtimeDir, 'runc'),
    dataDir,
    logFile: join(dataDir, 'engine.log'),
  };
}

/** rootlesskit's API socket: `POST /v1/ports` publishes a port (what `rootlessctl add-ports` does). */
export function rootlesskitApiSocket(paths: EnginePaths): string {
  return join(paths.rootlesskitDir, 'api.sock');
}

/** `dataDir/host`: the answers of probes worth remembering (the storage driver). */
export function hostStateDir(paths: EnginePaths): string {
  return join(paths.dataDir, 'host');
}

function absoluteOrUndefined(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' && isAbsolute(value) ? value : undefined;
}
