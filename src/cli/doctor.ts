/**
 * `tscompose doctor`: checks that this host can run the rootless engine (user namespaces,
 * subordinate ids, newuidmap, cgroups and the OCI runtime, overlay mounts, devices, programs) and
 * prints each check with the command that fixes it. Exits 1 when a needed check fails, so a setup
 * script can run it as a gate. The probes live in runtime/host/doctor and load only when it runs.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CheckResult } from '../../runtime/host/doctor/check-result.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { ExitError } from './exit-error.js';

export interface DoctorArgs {
  format: 'table' | 'json';
}

export const doctorCommand = (context: CommandContext): CommandModule<object, DoctorArgs> => ({
  command: 'doctor',
  describe: 'Check that this host can run the rootless engine, and say how to fix what fails',
  builder: (yargs) =>
    (yargs as unknown as Argv<DoctorArgs>).option('format', {
      type: 'string',
      requiresArg: true,
      choices: ['table', 'json'] as const,
      default: 'table' as const,
      describe: 'Format the output. Values: [table | json]',
    }),
  handler: async (args) => {
    const { runDoctor } = await import('../../runtime/host/doctor/run-doctor.js');
    const { currentEnginePaths } = await import('../../runtime/host/current-engine-paths.js');
    await reportDoctor(args, () => runDoctor(currentEnginePaths(context.env), context.env), context.io);
  },
});

/** Runs the checks, prints them, and ends with exit code 1 when one failed. */
export async function reportDoctor(
  args: DoctorArgs,
  runChecks: () => Promise<CheckResult[]>,
  io: CliIo,
): Promise<void> {
  const results = await runChecks();
  const failed = results.filter((result) => result.status === 'fail').length;
  io.stdout(args.format === 'json' ? formatJson(results) : formatTable(results));
  // The report already says what failed; the exit code is for scripts.
  if (failed > 0) throw new ExitError('', 1);
}

export function formatJson(results: readonly CheckResult[]): string {
  return `${JSON.stringify({ ok: results.every((result) => result.status !== 'fail'), checks: results }, null, 2)}\n`;
}

const STATUS_LABEL: Record<CheckResult['status'], string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL' };

export function formatTable(results: readonly CheckResult[]): string {
  const width = Math.max('CHECK'.length, ...results.map((result) => result.name.length)) + 2;
  const pad = (text: string, size: number) => text.padEnd(size);
  const lines = [`${pad('CHECK', width)}${pad('STATUS', 8)}DETAIL`];
  for (const result of results) {
    lines.push(`${pad(result.name, width)}${pad(STATUS_LABEL[result.status], 8)}${result.detail}`);
    if (result.fix !== undefined && result.status !== 'ok')
      lines.push(`${' '.repeat(width + 8)}fix: ${result.fix}`);
  }
  const failed = results.filter((result) => result.status === 'fail').length;
  const warned = results.filter((result) => result.status === 'warn').length;
  lines.push(
    '',
    failed > 0
      ? `${failed} needed check${failed === 1 ? '' : 's'} failed: the engine cannot run until fixed`
      : `the engine can run here${warned > 0 ? ` (${warned} warning${warned === 1 ? '' : 's'})` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
