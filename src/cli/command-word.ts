/**
 * Where the command word is in the arguments, for the rewrites main() applies before yargs parses
 * (help-command.ts, local-short-flags.ts): the first argument that is neither a global flag nor a
 * global flag's value.
 */

/** Global flags that take a value as the next word, so that word is not the command. */
const GLOBAL_FLAGS_WITH_VALUE = new Set([
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--project-directory',
  '--env-file',
  '--profile',
  '--ansi',
  '--progress',
  '--parallel',
  '--workdir',
]);

export function commandIndex(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (GLOBAL_FLAGS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) return i;
  }
  return undefined;
}
