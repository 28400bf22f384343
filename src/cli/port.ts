/** `tscompose port`: the public address of a service's port binding (cmd/compose/port.go). */
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import type { GlobalArgs } from './global-options.js';

export interface PortArgs extends GlobalArgs {
  service: string;
  port: string;
  protocol: string;
  index: number;
}

export const portCommand = (context: CommandContext): CommandModule<object, PortArgs> => ({
  command: 'port <service> <port>',
  describe: 'Print the public port for a port binding',
  builder: (yargs) =>
    (yargs as unknown as Argv<PortArgs>)
      .positional('service', { type: 'string', demandOption: true, describe: 'The service' })
      .positional('port', {
        type: 'string',
        demandOption: true,
        describe: 'The port inside the container',
      })
      .option('index', {
        type: 'number',
        default: 0,
        describe: 'Index of the container if service has multiple replicas',
      })
      .option('protocol', { type: 'string', default: 'tcp', requiresArg: true, describe: 'tcp or udp' }),
  handler: async (args) => {
    const { runPort } = await import('./run-port.js');
    await runPort(args, context);
  },
});
