/**
 * The arguments of `nsenter` that join the pause process's user, mount and network namespaces.
 * `--preserve-credentials` keeps our host uid, which the user namespace maps to 0, rather than
 * asking for a setuid/setgid that an unprivileged nsenter may not do. The pid, ipc and uts
 * namespaces stay the host's: containers get their own from runc.
 *
 * Use: `spawn('nsenter', [...nsenterArgs(pausePid), program, ...args])`. nsenter execs the program
 * in place (it forks only when it joins a pid namespace), so the spawned pid is the program's.
 */
export function nsenterArgs(pausePid: number): string[] {
  return ['--target', String(pausePid), '--user', '--mount', '--net', '--preserve-credentials', '--'];
}
