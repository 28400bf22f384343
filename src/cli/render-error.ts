/**
 * Turns whatever ended a command into text for stderr and an exit code. Bad input is printed
 * as `file:line:col: path: message`, followed by the offending line and a caret; every problem
 * of a `ComposeErrors` is printed, in file order. An engine's refusal is printed as docker prints
 * it. Anything unexpected is a bug: one line asks
 * for a report and the trace goes to a log file, unless `--debug` asks for it on the terminal.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ComposeErrors, ComposeFileError } from '../compose/errors.js';
import { EngineError } from '../engine/engine-error.js';
import { ExitError } from './exit-error.js';
import { UsageError } from './usage-error.js';

export interface RenderedError {
  readonly text: string;
  readonly exitCode: number;
}

export function renderError(error: unknown, options: { debug: boolean }): RenderedError {
  if (error instanceof ComposeErrors) {
    return { text: error.errors.map(renderFileError).join(''), exitCode: 1 };
  }
  if (error instanceof ComposeFileError) return { text: renderFileError(error), exitCode: 1 };
  if (error instanceof UsageError || error instanceof ExitError) {
    const exitCode = error instanceof ExitError ? error.exitCode : 1;
    return { text: error.message === '' ? '' : `${error.message}\n`, exitCode };
  }
  // The engine said no: docker's own wording, since the engine's message already says why.
  if (error instanceof EngineError)
    return { text: `Error response from daemon: ${error.message}\n`, exitCode: 1 };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (options.debug) return { text: `${detail}\n`, exitCode: 1 };
  const log = writeCrashLog(detail);
  const summary = error instanceof Error ? error.message : String(error);
  return {
    text:
      `internal error: ${summary}\n` +
      `This is a bug in tscompose; please report it with the trace written to ${log}\n`,
    exitCode: 1,
  };
}

function renderFileError(error: ComposeFileError): string {
  const hint = error.hint ? `  hint: ${error.hint}\n` : '';
  return `${error.message}\n${codeFrame(error)}${hint}`;
}

function codeFrame(error: ComposeFileError): string {
  if (!error.file || !error.line || error.file === '-') return '';
  let text: string;
  try {
    text = readFileSync(error.file, 'utf8');
  } catch (cause) {
    // The file may have come from stdin or gone since; the message alone still names the place.
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw cause;
  }
  const line = text.split('\n')[error.line - 1];
  if (line === undefined) return '';
  const number = String(error.line);
  const gutter = ' '.repeat(number.length);
  const caret = `${' '.repeat(Math.max(0, (error.column ?? 1) - 1))}^`;
  return `  ${number} | ${line}\n  ${gutter} | ${caret}\n`;
}

function writeCrashLog(detail: string): string {
  const dir = join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'tscompose');
  const file = join(dir, 'crash.log');
  mkdirSync(dir, { recursive: true });
  appendFileSync(file, `${new Date().toISOString()} ${process.argv.join(' ')}\n${detail}\n\n`);
  return file;
}
