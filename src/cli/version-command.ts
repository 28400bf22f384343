/** `tscompose version`: the version, as `docker compose version` prints it (`--short`, `--format`). */
import type { CommandModule } from 'yargs';
import type { CliIo } from './cli-io.js';
import { VERSION } from './version.js';

interface VersionArgs {
  short: boolean;
  format?: 'pretty' | 'json';
}

export const versionCommand = (io: CliIo): CommandModule<object, VersionArgs> => ({
  command: 'version',
  describe: 'Show the tscompose version information',
  builder: (yargs) =>
    yargs
      .option('short', { type: 'boolean', default: false, describe: 'Shows only the version number' })
      .option('format', {
        alias: 'f',
        type: 'string',
        choices: ['pretty', 'json'] as const,
        describe: 'Format the output. Values: [pretty | json]',
      }),
  handler: (args) => {
    if (args.short) io.stdout(`${VERSION}\n`);
    else if (args.format === 'json') io.stdout(`${JSON.stringify({ version: VERSION })}\n`);
    else io.stdout(`tscompose version ${VERSION}\n`);
  },
});
