/**
 * `tscompose config`: the resolved, validated project, printed as docker compose prints it, or
 * one of its listings (`--services`, `--volumes`, `--hash` …). Reads at the top, calls the
 * loader, writes at the end.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface ConfigArgs extends GlobalArgs {
  service?: string[];
  format?: 'yaml' | 'json';
  quiet: boolean;
  output?: string;
  services: boolean;
  volumes: boolean;
  networks: boolean;
  models: boolean;
  profiles: boolean;
  images: boolean;
  hash?: string;
  variables: boolean;
  environment: boolean;
  'no-interpolate': boolean;
  'no-normalize': boolean;
  'no-path-resolution': boolean;
  'no-consistency': boolean;
  'no-env-resolution': boolean;
  'resolve-image-digests': boolean;
  'lock-image-digests': boolean;
}

export const configCommand = (context: CommandContext): CommandModule<object, ConfigArgs> => ({
  command: 'config [service..]',
  describe: 'Parse, resolve and render compose file in canonical format',
  // The global flags are declared once, at the top, and yargs gives them to every command.
  builder: (yargs) =>
    (yargs as unknown as Argv<ConfigArgs>)
      .positional('service', { type: 'string', array: true, describe: 'Services to render' })
      .option('environment', {
        type: 'boolean',
        default: false,
        describe: 'Print environment used for interpolation.',
      })
      .option('format', {
        type: 'string',
        requiresArg: true,
        choices: ['yaml', 'json'] as const,
        describe: 'Format the output. Values: [yaml | json]',
      })
      .option('hash', {
        type: 'string',
        requiresArg: true,
        describe: 'Print the service config hash, one per line.',
      })
      .option('images', { type: 'boolean', default: false, describe: 'Print the image names, one per line.' })
      .option('lock-image-digests', {
        type: 'boolean',
        default: false,
        describe: 'Produces an override file with image digests',
      })
      .option('models', { type: 'boolean', default: false, describe: 'Print the model names, one per line.' })
      .option('networks', {
        type: 'boolean',
        default: false,
        describe: 'Print the network names, one per line.',
      })
      .option('no-consistency', {
        type: 'boolean',
        default: false,
        describe: "Don't check model consistency - warning: may produce invalid Compose output",
      })
      .option('no-env-resolution', {
        type: 'boolean',
        default: false,
        describe: "Don't resolve service env files",
      })
      .option('no-interpolate', {
        type: 'boolean',
        default: false,
        describe: "Don't interpolate environment variables",
      })
      .option('no-normalize', { type: 'boolean', default: false, describe: "Don't normalize compose model" })
      .option('no-path-resolution', { type: 'boolean', default: false, describe: "Don't resolve file paths" })
      .option('output', {
        alias: 'o',
        type: 'string',
        requiresArg: true,
        describe: 'Save to file (default to stdout)',
      })
      .option('profiles', {
        type: 'boolean',
        default: false,
        describe: 'Print the profile names, one per line.',
      })
      .option('quiet', {
        alias: 'q',
        type: 'boolean',
        default: false,
        describe: "Only validate the configuration, don't print anything",
      })
      .option('resolve-image-digests', {
        type: 'boolean',
        default: false,
        describe: 'Pin image tags to digests',
      })
      .option('services', {
        type: 'boolean',
        default: false,
        describe: 'Print the service names, one per line.',
      })
      .option('variables', {
        type: 'boolean',
        default: false,
        describe: 'Print model variables and default values.',
      })
      .option('volumes', {
        type: 'boolean',
        default: false,
        describe: 'Print the volume names, one per line.',
      }),
  handler: async (args) => {
    const { runConfig } = await import('./run-config.js');
    await runConfig(args, context, context.io);
  },
});
