/**
 * Command-line mistakes, worded as Docker Compose words them (`unknown flag: --foo`,
 * `unknown docker command: "compose foo"`) rather than as yargs' dump of the whole usage.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function translateUsageMessage(message: string, argv: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown?.[1]) {
    const first = unknown[1].split(', ')[0] ?? '';
    const asFlag = argv.find((arg) => arg.replace(/^-+/, '').split('=')[0] === first);
    if (asFlag?.startsWith('--')) return `unknown flag: ${asFlag.split('=')[0]}`;
    if (asFlag?.startsWith('-')) return `unknown shorthand flag: '${first[0]}' in ${asFlag}`;
    if (argv.find((arg) => !arg.startsWith('-')) === first) {
      return `unknown tscompose command: "${first}"\nRun 'tscompose --help' for the list of commands.`;
    }
    return `unknown argument: ${first}`;
  }
  const missing = /^Not enough arguments following: (.+)$/.exec(message);
  if (missing?.[1]) {
    const flag = missing[1];
    return flag.length === 1
      ? `flag needs an argument: '${flag}' in -${flag}`
      : `flag needs an argument: --${flag}`;
  }
  const invalid = /^Invalid values:\n\s+Argument: ([\w-]+), Given: (.+), Choices: (.+)$/.exec(message);
  if (invalid)
    return `invalid argument ${invalid[2]} for "--${invalid[1]}" flag: must be one of ${invalid[3]}`;
  return message;
}
