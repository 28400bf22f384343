/**
 * The contract of `main(argv, io)`: it returns the exit code and writes everything through `io`,
 * so a caller (bin/, a test, an embedding tool) decides where output goes. process.stdout.write and
 * console.log are silenced around the cases, so anything that bypassed `io` would be missing from
 * the result rather than printed.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runMain } from './run-cli.js';
import { fixture } from './temp-project.js';

const compose = join(fixture('config-flags'), 'compose.yaml');

describe('main(argv, io)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function silenceProcessOutput(): void {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  }

  it('writes errors through io.stderr', async () => {
    expect(await runMain(['--foo'])).toEqual({ exitCode: 1, stdout: '', stderr: 'unknown flag: --foo\n' });
  });

  it.each([
    { name: 'config output', argv: ['-f', compose, 'config', '--services'], stdout: 'db\nweb\n' },
    { name: 'version', argv: ['version', '--short'], stdout: /^\d+\.\d+\.\d+/ },
    { name: '--help', argv: ['--help'], stdout: /Usage: {2}tscompose/ },
  ])('writes $name through io.stdout', async ({ argv, stdout }) => {
    silenceProcessOutput();
    const result = await runMain(argv);
    expect(result.exitCode).toBe(0);
    if (typeof stdout === 'string') expect(result.stdout).toBe(stdout);
    else expect(result.stdout).toMatch(stdout);
  });

  it('writes config warnings through io.stderr', async () => {
    silenceProcessOutput();
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const result = await runMain(['-f', compose, 'config', '--no-interpolate', '-q', 'web']);
    expect(result.stderr).toContain('service filtering is not applied when --no-interpolate is set');
  });
});
