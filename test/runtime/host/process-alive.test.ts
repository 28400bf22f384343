/** isProcessAlive and the /proc readers, against real processes. */
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isProcessAlive, parentPid, processCommandLine } from '../../../runtime/host/process-alive.js';

describe('isProcessAlive', () => {
  it('says yes for this process and no for one that exited', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(spawnSync('true').pid)).toBe(false);
  });

  it.each([0, -1, 1.5, Number.NaN])('says no for the impossible pid %s', (pid) => {
    expect(isProcessAlive(pid)).toBe(false);
  });

  it('reads a live child’s command line and parent', async () => {
    const child = spawn('sleep', ['30']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      const pid = child.pid ?? -1;
      expect(processCommandLine(pid)).toEqual(['sleep', '30']);
      expect(parentPid(pid)).toBe(process.pid);
    } finally {
      child.kill();
    }
  });
});
