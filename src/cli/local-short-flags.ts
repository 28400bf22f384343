/**
 * Short flags that mean one thing before the command and another after it, as cobra allows and
 * yargs does not (yargs merges every alias of a letter, global or not): `-f` is `--file` before the
 * command but `--follow` after `logs` and `--force` after `rm`; `-v` is `--version` but `--volumes`
 * after `rm` and `down`. Before yargs parses, such letters after those commands are spelled out long, also
 * inside a group (`rm -fsv` → `-s --force --volumes`). Everything after `--` is left alone.
 */
import { commandIndex } from './command-word.js';

const LOCAL_SHORT_FLAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  down: { v: '--volumes' },
  logs: { f: '--follow' },
  rm: { f: '--force', v: '--volumes' },
};

export function rewriteLocalShortFlags(argv: readonly string[]): string[] {
  const commandAt = commandIndex(argv);
  if (commandAt === undefined) return [...argv];
  const table = LOCAL_SHORT_FLAGS[argv[commandAt]!];
  if (!table) return [...argv];
  const result = argv.slice(0, commandAt + 1);
  let rest = false;
  for (const word of argv.slice(commandAt + 1)) {
    if (rest || !/^-[A-Za-z]+$/.test(word)) {
      rest ||= word === '--';
      result.push(word);
      continue;
    }
    const letters = [...word.slice(1)];
    const kept = letters.filter((letter) => !(letter in table));
    if (kept.length > 0) result.push(`-${kept.join('')}`);
    for (const letter of letters) if (letter in table) result.push(table[letter]!);
  }
  return result;
}
