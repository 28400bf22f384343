/**
 * What a container runs: Docker's rules for combining the request's `Entrypoint`/`Cmd` with the
 * image's (moby `daemon/commit.go` merge and `getEntrypointAndArgs`):
 *
 * - an absent entrypoint inherits the image's; an empty list (`[]`) or `[""]` clears it;
 * - the image's `Cmd` is inherited only when the request sets neither an entrypoint nor a command,
 *   so `--entrypoint x` without a command runs `x` alone;
 * - the process is `entrypoint ++ cmd`, and nothing at all is an error ("No command specified").
 *
 * A string is a one-element list, as moby's `strslice` decodes it (not `sh -c`).
 */
import { badRequest } from '../status-error.js';

export type CommandValue = string[] | string | null | undefined;

export interface ResolvedCommand {
  /** As inspect shows them in `Config`. */
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  /** The process: `Path` is argv[0], `Args` the rest (inspect's `Path` and `Args`). */
  Path: string;
  Args: string[];
}

export function toList(value: CommandValue): string[] | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? [value] : value;
}

export function resolveCommand(
  request: { Entrypoint?: CommandValue; Cmd?: CommandValue },
  image: { Entrypoint?: string[] | null; Cmd?: string[] | null },
): ResolvedCommand {
  const requestedEntrypoint = toList(request.Entrypoint);
  const requestedCmd = toList(request.Cmd);
  // `[""]` is how the docker CLI says `--entrypoint ""`: clear the image's, inherit nothing.
  const cleared =
    requestedEntrypoint !== null && requestedEntrypoint.length === 1 && requestedEntrypoint[0] === '';
  let entrypoint = cleared ? [] : requestedEntrypoint;
  let cmd = requestedCmd;
  if (entrypoint === null || (entrypoint.length === 0 && !cleared)) {
    if (cmd === null || cmd.length === 0) cmd = image.Cmd ?? null;
    if (entrypoint === null) entrypoint = image.Entrypoint ?? null;
  }
  const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
  const [path, ...args] = argv;
  if (path === undefined || path === '') throw badRequest('No command specified');
  return {
    Entrypoint: entrypoint && entrypoint.length > 0 ? entrypoint : null,
    Cmd: cmd && cmd.length > 0 ? cmd : null,
    Path: path,
    Args: args,
  };
}
