/**
 * Every command, registered in one list. Each module declares its flags and imports its heavy
 * dependencies inside the handler, so `tscompose config` never loads what `up` needs. Commands are
 * made for one run, with the context they write through (see command-context.ts).
 */
import type { CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import { configCommand } from './config.js';
import { doctorCommand } from './doctor.js';
import { engineCommand } from './engine.js';
import { versionCommand } from './version-command.js';

// yargs' CommandModule is invariant in its argument types; each module is typed on its own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function commands(context: CommandContext): readonly CommandModule<any, any>[] {
  return [configCommand(context), doctorCommand(context), engineCommand(context), versionCommand(context.io)];
}
