/**
 * A program in a real terminal: a tmux server of the test's own (its own socket, `-L`), one
 * session of a fixed size running one command, and what a person would see in it
 * (`capture-pane -p`). The pane stays after the command exits (remain-on-exit), so its last
 * screen can be read, and the command's exit status is kept in a file. `close` ends this server only.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TmuxPane {
  /** The visible screen, one string per row, trailing blanks trimmed. */
  capture(): Promise<string[]>;
  sendKeys(...keys: string[]): Promise<void>;
  /** The command's exit status (as the shell's `$?`), or undefined while it runs. */
  exitStatus(): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface PaneOptions {
  readonly command: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly width: number;
  readonly height: number;
}

/** Whether tmux is installed (scripts/setup-system.sh installs it). */
export async function hasTmux(): Promise<boolean> {
  try {
    await run('tmux', ['-V']);
    return true;
  } catch (error) {
    // ENOENT: not installed, the one answer this probe is for.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export async function openTmuxPane(options: PaneOptions): Promise<TmuxPane> {
  const dir = await mkdtemp(join(tmpdir(), 'tscompose-e2e-tmux-'));
  const config = join(dir, 'tmux.conf');
  await writeFile(config, 'set -g remain-on-exit on\nset -g status off\n');
  const socket = join(dir, 'socket');
  const statusFile = join(dir, 'exit-status');
  // The server, and so the pane, gets this environment. A person's terminal has no CI variable,
  // and Ink draws nothing but the last frame when it sees one (run-e2e.sh passes CI through).
  const { CI: _ci, ...personEnv } = process.env;
  const tmux = async (args: readonly string[]): Promise<string> =>
    (await run('tmux', ['-S', socket, '-f', config, ...args], { env: personEnv })).stdout;
  const env = Object.entries(options.env).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
  await tmux([
    'new-session',
    '-d',
    '-s',
    'pane',
    '-x',
    `${options.width}`,
    '-y',
    `${options.height}`,
    '-c',
    options.cwd,
    ...env,
    // The exit status goes to a file: under the e2e user tmux's #{pane_dead_status} stayed empty. The
    // shell traps SIGINT (Ctrl-C reaches the whole foreground group) so it outlives the command
    // to write it; a trapped signal is reset in children, so the command still gets its Ctrl-C.
    `trap : INT; ${options.command.map(shellQuote).join(' ')}; echo $? > ${shellQuote(statusFile)}`,
  ]);
  return {
    capture: async () =>
      (await tmux(['capture-pane', '-p', '-t', 'pane'])).split('\n').map((line) => line.trimEnd()),
    sendKeys: async (...keys) => {
      await tmux(['send-keys', '-t', 'pane', ...keys]);
    },
    exitStatus: async () => {
      try {
        const text = await readFile(statusFile, 'utf8');
        // Written in two steps (create, then the digits): empty means not there yet.
        return text.endsWith('\n') ? Number(text) : undefined;
      } catch (error) {
        // ENOENT: the command still runs.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    close: async () => {
      try {
        await tmux(['kill-server']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
