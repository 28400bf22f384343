/** The rootlesskit command that makes the namespaces, and nsenter's arguments to join them. */
import { describe, expect, it } from 'vitest';
import { nsenterArgs } from '../../../runtime/host/nsenter-args.js';
import { rootlesskitArgs } from '../../../runtime/host/rootlesskit-args.js';
import { parseInfo } from '../../../runtime/host/rootlesskit-info.js';

describe('rootlesskitArgs', () => {
  it('runs catatonit -P with slirp4netns, the builtin port driver and /etc and /run copied up', () => {
    expect(
      rootlesskitArgs({
        stateDir: '/run/user/1000/tscompose/rootlesskit',
        slirp4netns: '/usr/bin/slirp4netns',
        catatonit: '/usr/bin/catatonit',
      }),
    ).toEqual([
      '--net=slirp4netns',
      '--slirp4netns-binary=/usr/bin/slirp4netns',
      '--port-driver=builtin',
      '--copy-up=/etc',
      '--copy-up=/run',
      '--state-dir=/run/user/1000/tscompose/rootlesskit',
      '/usr/bin/catatonit',
      '-P',
    ]);
  });
});

describe('nsenterArgs', () => {
  it('joins user, mount and network namespaces, keeping our credentials', () => {
    expect(nsenterArgs(4242)).toEqual([
      '--target',
      '4242',
      '--user',
      '--mount',
      '--net',
      '--preserve-credentials',
      '--',
    ]);
  });
});

describe('parseInfo', () => {
  it.each([
    {
      name: "rootlesskit's answer",
      status: 200,
      body: '{"apiVersion":"1.1.1","version":"1.1.0","stateDir":"/s","childPID":4242,"networkDriver":{"driver":"slirp4netns"}}',
      expected: { kind: 'answered', info: { childPID: 4242, stateDir: '/s' } },
    },
    {
      name: 'an HTTP error',
      status: 500,
      body: 'boom',
      expected: { kind: 'unreachable', reason: 'HTTP 500: boom' },
    },
    {
      name: 'not JSON',
      status: 200,
      body: '<html>',
      expected: { kind: 'unreachable', reason: 'not JSON: <html>' },
    },
    {
      name: 'no childPID',
      status: 200,
      body: '{"stateDir":"/s"}',
      expected: { kind: 'unreachable', reason: 'the answer has no childPID' },
    },
    {
      name: 'a childPID of 0',
      status: 200,
      body: '{"childPID":0}',
      expected: { kind: 'unreachable', reason: 'the answer has no childPID' },
    },
  ])('$name', ({ status, body, expected }) => {
    expect(parseInfo(status, body)).toEqual(expected);
  });
});
