/**
 * Every command, registered in one list. Each module declares its flags and imports its heavy
 * dependencies inside the handler, so `tscompose config` never loads what `up` needs.
 */
import type { CommandModule } from 'yargs';
import { configCommand } from './config.js';
import { versionCommand } from './version-command.js';

// yargs' CommandModule is invariant in its argument types; each module is typed on its own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: readonly CommandModule<any, any>[] = [configCommand, versionCommand];
