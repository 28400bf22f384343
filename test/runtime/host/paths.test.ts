/** enginePaths: where one user's engine keeps its files, from the XDG variables or their fallbacks. */
import { describe, expect, it } from 'vitest';
import { enginePaths, hostStateDir } from '../../../runtime/host/paths.js';

describe('enginePaths', () => {
  it.each([
    {
      name: 'XDG variables set',
      env: { XDG_RUNTIME_DIR: '/run/user/1000', XDG_DATA_HOME: '/data' },
      expected: { runtimeDir: '/run/user/1000/tscompose', dataDir: '/data/tscompose' },
    },
    {
      name: 'nothing set: /tmp/tscompose-<uid> and ~/.local/share',
      env: {},
      expected: { runtimeDir: '/tmp/tscompose-1000', dataDir: '/home/ann/.local/share/tscompose' },
    },
    {
      name: 'relative values are ignored, as the XDG spec says',
      env: { XDG_RUNTIME_DIR: 'run', XDG_DATA_HOME: 'data' },
      expected: { runtimeDir: '/tmp/tscompose-1000', dataDir: '/home/ann/.local/share/tscompose' },
    },
    {
      name: 'empty values are ignored',
      env: { XDG_RUNTIME_DIR: '', XDG_DATA_HOME: '' },
      expected: { runtimeDir: '/tmp/tscompose-1000', dataDir: '/home/ann/.local/share/tscompose' },
    },
  ])('$name', ({ env, expected }) => {
    const paths = enginePaths(env, 1000, '/home/ann');
    expect(paths).toEqual({
      runtimeDir: expected.runtimeDir,
      socket: `${expected.runtimeDir}/engine.sock`,
      pidFile: `${expected.runtimeDir}/engine.pid`,
      rootlesskitDir: `${expected.runtimeDir}/rootlesskit`,
      runcRoot: `${expected.runtimeDir}/runc`,
      dataDir: expected.dataDir,
      logFile: `${expected.dataDir}/engine.log`,
    });
    expect(hostStateDir(paths)).toBe(`${expected.dataDir}/host`);
  });

  it('keeps the socket path within the 108 bytes a unix socket address allows', () => {
    const paths = enginePaths({}, 4294967294, '/home/ann');
    expect(Buffer.byteLength(`${paths.rootlesskitDir}/api.sock`)).toBeLessThan(108);
  });
});
