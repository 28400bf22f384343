/**
 * Runs a short program to completion and collects what it printed: the engine's hot paths (ip,
 * mount, umount, runc start, kill and delete), each called several times per container in an
 * `up` or a `down`. These use Node's child_process directly rather than execa, whose extra work
 * per call costs the engine's one thread 1–2 ms every time; execa stays where a call is rare.
 *
 * It resolves whatever the exit code, and the caller judges; it rejects only when the program
 * could not be started at all. A result's `stderr` is what `describeFailure` quotes.
 */
import { spawn } from 'node:child_process';

export interface ProgramResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ProgramOptions {
  cwd?: string;
  /** Written to its stdin, which is then closed; without it stdin is /dev/null. */
  input?: string;
}

export function runProgram(
  file: string,
  args: readonly string[],
  options: ProgramOptions = {},
): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        exitCode: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8') || (signal ? `killed by ${signal}` : ''),
      }),
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** `runProgram`, failing with the program's own words (`<file> <first arg>: <stderr>`) on a non-zero exit. */
export async function runProgramOrFail(
  file: string,
  args: readonly string[],
  options: ProgramOptions = {},
): Promise<ProgramResult> {
  const result = await runProgram(file, args, options);
  if (result.exitCode !== 0) throw new ProgramFailed(file, args, result);
  return result;
}

export class ProgramFailed extends Error {
  override readonly name = 'ProgramFailed';
  readonly stderr: string;
  readonly exitCode: number;
  constructor(file: string, args: readonly string[], result: ProgramResult) {
    super(
      `${file} ${args.join(' ')} exited with ${result.exitCode}${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}`,
    );
    this.stderr = result.stderr;
    this.exitCode = result.exitCode;
  }
}
