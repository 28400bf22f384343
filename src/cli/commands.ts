/**
 * Every command, registered in one list. Each module declares its flags and imports its heavy
 * dependencies inside the handler, so `tscompose config` never loads what `up` needs. Commands are
 * made for one run, with the context they write through (see command-context.ts).
 */
import type { CommandModule } from 'yargs';
import type { CommandContext } from './command-context.js';
import { configCommand } from './config.js';
import { createCommand } from './create.js';
import { doctorCommand } from './doctor.js';
import { downCommand } from './down.js';
import { engineCommand } from './engine.js';
import { killCommand } from './kill.js';
import { logsCommand } from './logs.js';
import { lsCommand } from './ls.js';
import { portCommand } from './port.js';
import { psCommand } from './ps.js';
import { pullCommand } from './pull.js';
import { restartCommand } from './restart.js';
import { rmCommand } from './rm.js';
import { startCommand } from './start.js';
import { stopCommand } from './stop.js';
import { upCommand } from './up.js';
import { versionCommand } from './version-command.js';

// yargs' CommandModule is invariant in its argument types; each module is typed on its own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function commands(context: CommandContext): readonly CommandModule<any, any>[] {
  return [
    configCommand(context),
    createCommand(context),
    doctorCommand(context),
    downCommand(context),
    engineCommand(context),
    killCommand(context),
    logsCommand(context),
    lsCommand(context),
    portCommand(context),
    psCommand(context),
    pullCommand(context),
    restartCommand(context),
    rmCommand(context),
    startCommand(context),
    stopCommand(context),
    upCommand(context),
    versionCommand(context.io),
  ];
}
