/**
 * `tscompose help [COMMAND]`, as cobra gives docker compose: the same as `tscompose [COMMAND]
 * --help`. It is a rewrite of the arguments rather than a command, so the help printed is exactly
 * the one `--help` prints, from the same declarations.
 */

import { commandIndex } from './command-word.js';

export function rewriteHelpCommand(argv: readonly string[]): string[] {
  const at = commandIndex(argv);
  if (at === undefined || argv[at] !== 'help') return [...argv];
  return [...argv.slice(0, at), ...argv.slice(at + 1), '--help'];
}
