/**
 * The environment the container's process starts with, built as Docker's
 * `CreateDaemonEnvironment` does: `PATH` (Docker's default), `HOSTNAME`, `TERM=xterm` for a
 * terminal, then the container's `Config.Env`, each entry replacing an earlier one of the same
 * name in place. An entry without `=` removes the variable, as in Docker.
 */
import { envName } from './merge-config.js';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function processEnv(options: { env: readonly string[]; hostname: string; tty: boolean }): string[] {
  const base = [`PATH=${DEFAULT_PATH}`, `HOSTNAME=${options.hostname}`];
  if (options.tty) base.push('TERM=xterm');
  return replaceOrAppend(base, options.env);
}

function replaceOrAppend(base: readonly string[], overrides: readonly string[]): string[] {
  const result = [...base];
  for (const entry of overrides) {
    const name = envName(entry);
    const index = result.findIndex((existing) => envName(existing) === name);
    if (!entry.includes('=')) {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = entry;
    } else {
      result.push(entry);
    }
  }
  return result;
}
