/**
 * `tscompose config | head`: when the reader goes away, the command ends quietly as docker compose
 * (a Go program dying of SIGPIPE) does, with 141 and no stack trace.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from './run-cli.js';
import { makeProject } from './temp-project.js';

describe('a reader that stops reading', () => {
  it('ends config with 141 and nothing on stderr', async (test) => {
    const services = Array.from({ length: 20_000 }, (_, i) => `  s${i}:\n    image: busybox\n`).join('');
    const project = makeProject(test, { 'compose.yaml': `services:\n${services}` });
    const child = spawn(BIN, ['config'], {
      cwd: project,
      env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: process.env.HOME ?? '/' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Read the first chunk, then hang up, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    expect({ code, stderr }).toEqual({ code: 141, stderr: '' });
  });
});
