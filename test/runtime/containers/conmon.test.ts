import { describe, expect, it } from 'vitest';
import { conmonArgs, parseSyncMessage } from '../../../runtime/containers/conmon.js';
import { normalizeSignal } from '../../../runtime/containers/signals.js';

describe('conmon', () => {
  it('arguments as podman passes them: API 1, k8s-file log, exit dir, runc root', () => {
    const args = conmonArgs({
      id: 'abc',
      name: 'web-1',
      conmonPath: '/usr/bin/conmon',
      runtimePath: '/usr/sbin/runc',
      runtimeRoot: '/run/user/1000/tscompose/runc',
      bundle: '/data/abc/bundle',
      pidFile: '/data/abc/pidfile',
      conmonPidFile: '/data/abc/conmon.pid',
      logPath: '/data/abc/ctr.log',
      exitDir: '/data/abc/exit',
      socketDir: '/run/user/1000/tscompose/conmon',
      terminal: false,
    });
    expect(args.slice(0, 2)).toEqual(['--api-version', '1']);
    expect(args).toEqual(
      expect.arrayContaining([
        '-c',
        'abc',
        '-r',
        '/usr/sbin/runc',
        '-l',
        'k8s-file:/data/abc/ctr.log',
        '--exit-dir',
        '/data/abc/exit',
      ]),
    );
    expect(args).toContain('--runtime-arg=--root=/run/user/1000/tscompose/runc');
    expect(args).not.toContain('-t');
  });

  it.each([
    { text: '{"data": 4242}', expected: { pid: 4242 } },
    {
      text: '{"data": -1, "message": "runc create failed: exec: \\"nope\\": executable file not found in $PATH"}',
      expected: { error: 'runc create failed: exec: "nope": executable file not found in $PATH' },
    },
    { text: '', expected: { error: 'conmon exited without reporting a pid' } },
    { text: 'oops', expected: { error: 'unexpected message from conmon: oops' } },
  ])('sync message $text', ({ text, expected }) => {
    expect(parseSyncMessage(text)).toEqual(expected);
  });
});

describe('normalizeSignal: what runc kill accepts', () => {
  it.each([
    { signal: 'SIGTERM', expected: 'TERM' },
    { signal: 'term', expected: 'TERM' },
    { signal: '9', expected: 'KILL' },
    { signal: 'SIGRTMIN+3', expected: 'RTMIN+3' },
  ])('$signal → $expected', ({ signal, expected }) => {
    expect(normalizeSignal(signal)).toBe(expected);
  });

  it.each(['SIGFLY', '99'])('refuses %s (400)', (signal) => {
    expect(() => normalizeSignal(signal)).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});
