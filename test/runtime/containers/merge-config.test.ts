import { describe, expect, it } from 'vitest';
import {
  mergeContainerConfig,
  mergeEnv,
  mergeHealthcheck,
} from '../../../runtime/containers/merge-config.js';
import { processEnv } from '../../../runtime/containers/process-env.js';

const ID = 'abcdef0123456789'.repeat(4);

describe('mergeEnv: request first, then the image entries it does not set', () => {
  it.each([
    { name: 'no request env', image: ['PATH=/bin', 'A=1'], request: [], expected: ['PATH=/bin', 'A=1'] },
    {
      name: 'override and add',
      image: ['PATH=/bin', 'A=1'],
      request: ['A=2', 'B=3'],
      expected: ['A=2', 'B=3', 'PATH=/bin'],
    },
    { name: 'a bare name still overrides', image: ['A=1'], request: ['A'], expected: ['A'] },
  ])('$name', ({ image, request, expected }) => {
    expect(mergeEnv(image, request)).toEqual(expected);
  });
});

describe('processEnv: PATH default, HOSTNAME, TERM for a tty, then Config.Env in place', () => {
  it.each([
    {
      name: 'image PATH replaces the default in place',
      input: { env: ['PATH=/opt/bin', 'X=1'], hostname: 'web', tty: false },
      expected: ['PATH=/opt/bin', 'HOSTNAME=web', 'X=1'],
    },
    {
      name: 'default PATH and TERM',
      input: { env: [], hostname: 'h', tty: true },
      expected: [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HOSTNAME=h',
        'TERM=xterm',
      ],
    },
    {
      name: 'a bare name removes the variable',
      input: { env: ['HOSTNAME'], hostname: 'h', tty: false },
      expected: [expect.stringMatching(/^PATH=/)],
    },
  ])('$name', ({ input, expected }) => {
    expect(processEnv(input)).toEqual(expected);
  });
});

describe('mergeContainerConfig', () => {
  const image = {
    Env: ['PATH=/usr/bin:/bin', 'LANG=C'],
    Cmd: ['sh'],
    WorkingDir: '/srv',
    User: 'app',
    Labels: { 'org.a': 'image', 'org.b': 'image' },
    ExposedPorts: { '80/tcp': {} },
    StopSignal: 'SIGQUIT',
    Healthcheck: { Test: ['CMD', 'true'], Interval: 5e9, Retries: 2 },
  };

  it('defaults from the image, hostname from the id', () => {
    const { config } = mergeContainerConfig({ Image: 'busybox' }, image, ID);
    expect(config).toMatchObject({
      Hostname: ID.slice(0, 12),
      WorkingDir: '/srv',
      User: 'app',
      Env: ['PATH=/usr/bin:/bin', 'LANG=C'],
      Labels: { 'org.a': 'image', 'org.b': 'image' },
      StopSignal: 'SIGQUIT',
      Cmd: ['sh'],
      Image: 'busybox',
    });
  });

  it('request fields win; labels and ports union', () => {
    const { config } = mergeContainerConfig(
      {
        Image: 'busybox',
        Hostname: 'web',
        WorkingDir: '/app',
        User: '0:0',
        Labels: { 'org.b': 'request' },
        ExposedPorts: { '443/tcp': {} },
        StopSignal: 'SIGTERM',
      },
      image,
      ID,
    );
    expect(config).toMatchObject({
      Hostname: 'web',
      WorkingDir: '/app',
      User: '0:0',
      Labels: { 'org.a': 'image', 'org.b': 'request' },
      ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
      StopSignal: 'SIGTERM',
    });
  });

  it.each([
    {
      name: 'inherit all',
      request: undefined,
      expected: { Test: ['CMD', 'true'], Interval: 5e9, Retries: 2 },
    },
    {
      name: 'durations inherited field by field',
      request: { Test: ['CMD-SHELL', 'exit 0'] },
      expected: { Test: ['CMD-SHELL', 'exit 0'], Interval: 5e9, Retries: 2 },
    },
    {
      name: 'NONE disables',
      request: { Test: ['NONE'] },
      expected: { Test: ['NONE'], Interval: 5e9, Retries: 2 },
    },
  ])('healthcheck: $name', ({ request, expected }) => {
    expect(mergeHealthcheck(request, image.Healthcheck)).toMatchObject(expected);
  });
});
