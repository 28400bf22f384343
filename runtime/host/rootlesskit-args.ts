/**
 * The command that creates one user's namespaces: rootlesskit makes a user + mount + network
 * namespace (slirp4netns for outbound traffic, its builtin driver for published ports, /etc and
 * /run copied up so the engine can write resolv.conf and its own /run), and runs `catatonit -P`
 * in it, a pause process that does nothing but keep the namespaces alive. The engine joins them
 * with nsenter; it never is rootlesskit's child, so killing the engine loses nothing.
 */
export interface RootlesskitCommand {
  readonly stateDir: string;
  /** Absolute paths, so the command does not depend on the caller's PATH. */
  readonly slirp4netns: string;
  readonly catatonit: string;
}

export function rootlesskitArgs(command: RootlesskitCommand): string[] {
  return [
    '--net=slirp4netns',
    `--slirp4netns-binary=${command.slirp4netns}`,
    '--port-driver=builtin',
    '--copy-up=/etc',
    '--copy-up=/run',
    `--state-dir=${command.stateDir}`,
    command.catatonit,
    '-P',
  ];
}
