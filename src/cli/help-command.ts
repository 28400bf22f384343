/**
 * `tscompose help [COMMAND]`, as cobra gives docker compose: the same as `tscompose [COMMAND]
 * --help`. It is a rewrite of the arguments rather than a command, so the help printed is exactly
 * the one `--help` prints, from the same declarations.
 */

/** Global flags that take a value: their value is not the command word. */
const FLAGS_WITH_VALUE = new Set([
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
]);

export function rewriteHelpCommand(argv: readonly string[]): string[] {
  const at = commandIndex(argv);
  if (at === undefined || argv[at] !== 'help') return [...argv];
  return [...argv.slice(0, at), ...argv.slice(at + 1), '--help'];
}

/** Where the command word is: the first argument that is neither a flag nor a flag's value. */
function commandIndex(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return undefined;
    if (FLAGS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) return i;
  }
  return undefined;
}
