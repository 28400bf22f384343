/**
 * `tscompose doctor`'s output and exit code (src/cli/doctor.ts), with the checks passed in: a
 * table with each fix under its check, or JSON; exit code 1 only when a check failed.
 */
import { describe, expect, it } from 'vitest';
import { formatTable, reportDoctor } from '../../../../src/cli/doctor.js';
import { ExitError } from '../../../../src/cli/exit-error.js';
import type { CheckResult } from '../../../../runtime/host/doctor/check-result.js';

const ok: CheckResult = { name: 'user namespaces', status: 'ok', detail: 'enabled' };
const warn: CheckResult = { name: 'storage driver', status: 'warn', detail: 'fuse-overlayfs' };
const fail: CheckResult = {
  name: '/dev/net/tun',
  status: 'fail',
  detail: 'EACCES',
  fix: 'sudo chmod 0666 /dev/net/tun',
};

async function report(format: 'table' | 'json', results: CheckResult[]) {
  let stdout = '';
  const io = {
    stdout: (text: string) => (stdout += text),
    stderr: () => expect.fail('doctor writes no stderr'),
  };
  const outcome = await reportDoctor({ format }, () => Promise.resolve(results), io).then(
    () => 0,
    (error: unknown) => (error instanceof ExitError ? error.exitCode : Promise.reject(error)),
  );
  return { stdout, exitCode: outcome };
}

describe('tscompose doctor', () => {
  it('prints a table with the fix under the failing check, and exits 1', async () => {
    const { stdout, exitCode } = await report('table', [ok, warn, fail]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe(
      [
        'CHECK            STATUS  DETAIL',
        'user namespaces  ok      enabled',
        'storage driver   WARN    fuse-overlayfs',
        '/dev/net/tun     FAIL    EACCES',
        '                         fix: sudo chmod 0666 /dev/net/tun',
        '',
        '1 needed check failed: the engine cannot run until fixed',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 with warnings only', async () => {
    const { stdout, exitCode } = await report('table', [ok, warn]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/the engine can run here \(1 warning\)\n$/);
  });

  it('prints JSON with every check and an overall verdict', async () => {
    const { stdout, exitCode } = await report('json', [ok, fail]);
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ ok: false, checks: [ok, fail] });
  });

  it('keeps a passing fix out of the table', () => {
    expect(formatTable([{ ...ok, fix: 'never shown' }])).not.toContain('never shown');
  });
});
