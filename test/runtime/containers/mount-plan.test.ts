import { describe, expect, it } from 'vitest';
import { parseBind, parseMount, planMounts } from '../../../runtime/containers/mount-plan.js';

describe('parseBind: the -v syntax', () => {
  it.each([
    {
      spec: '/host:/ctr',
      expected: {
        kind: 'bind',
        source: '/host',
        target: '/ctr',
        readOnly: false,
        propagation: 'rprivate',
        createSource: true,
        mode: '',
      },
    },
    {
      spec: '/host/:/ctr/:ro,rshared',
      expected: {
        kind: 'bind',
        source: '/host/',
        target: '/ctr',
        readOnly: true,
        propagation: 'rshared',
        mode: 'ro,rshared',
      },
    },
    {
      spec: 'data:/var/lib/db',
      expected: {
        kind: 'volume',
        name: 'data',
        target: '/var/lib/db',
        readOnly: false,
        noCopy: false,
        mode: 'z',
      },
    },
    {
      spec: 'data:/var/lib/db:ro,nocopy',
      expected: { kind: 'volume', name: 'data', readOnly: true, noCopy: true, mode: 'ro,nocopy' },
    },
    { spec: '/anon', expected: { kind: 'volume', target: '/anon', readOnly: false } },
  ])('$spec', ({ spec, expected }) => {
    expect(parseBind(spec)).toMatchObject(expected);
  });

  it.each([
    { spec: '/a:/b:ro:x', message: "invalid volume specification: '/a:/b:ro:x'" },
    { spec: '/a:relative', message: 'invalid mount config: mount path must be absolute: relative' },
    { spec: '/a:/', message: "invalid specification: destination can't be '/'" },
    { spec: '/a:/b:bogus', message: 'invalid mode: bogus' },
  ])('refuses $spec (400)', ({ spec, message }) => {
    expect(() => parseBind(spec)).toThrow(expect.objectContaining({ statusCode: 400, message }));
  });
});

describe('parseMount: the --mount syntax', () => {
  it.each([
    {
      mount: { Type: 'bind' as const, Source: '/h', Target: '/c', ReadOnly: true },
      expected: { kind: 'bind', readOnly: true, createSource: false, recursive: true },
    },
    {
      mount: {
        Type: 'bind' as const,
        Source: '/h',
        Target: '/c',
        BindOptions: { NonRecursive: true, Propagation: 'slave' as const },
      },
      expected: { recursive: false, propagation: 'slave' },
    },
    {
      mount: {
        Type: 'volume' as const,
        Source: 'v',
        Target: '/c',
        VolumeOptions: { NoCopy: true, Subpath: 'sub/dir' },
      },
      expected: { kind: 'volume', name: 'v', noCopy: true, subpath: 'sub/dir' },
    },
    { mount: { Type: 'volume' as const, Target: '/c' }, expected: { kind: 'volume', target: '/c' } },
    {
      mount: { Type: 'tmpfs' as const, Target: '/run', TmpfsOptions: { SizeBytes: 1024, Mode: 0o1777 } },
      expected: { kind: 'tmpfs', options: ['nodev', 'nosuid', 'noexec', 'size=1024', 'mode=1777'] },
    },
  ])('$mount.Type at $mount.Target', ({ mount, expected }) => {
    expect(parseMount(mount)).toMatchObject(expected);
  });

  it.each([
    {
      mount: { Type: 'bind' as const, Target: '/c' },
      message: 'invalid mount config for type "bind": field Source must not be empty',
    },
    {
      mount: { Type: 'bind' as const, Source: 'rel', Target: '/c' },
      message: `invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute`,
    },
    {
      mount: { Type: 'tmpfs' as const, Source: 'x', Target: '/c' },
      message: 'invalid mount config for type "tmpfs": field Source must not be specified',
    },
    {
      mount: { Type: 'volume' as const, Source: 'v', Target: '/c', VolumeOptions: { Subpath: '../up' } },
      message: 'invalid mount config for type "volume": subpath must be a relative path within the volume',
    },
  ])('refuses $message', ({ mount, message }) => {
    expect(() => parseMount(mount)).toThrow(expect.objectContaining({ statusCode: 400, message }));
  });
});

describe('planMounts', () => {
  it('binds, mounts, tmpfs, and image volumes not covered by a mount become anonymous volumes', () => {
    const plan = planMounts(
      {
        Binds: ['/h:/data'],
        Mounts: [{ Type: 'volume', Source: 'cache', Target: '/cache' }],
        Tmpfs: { '/run': 'size=1m' },
      },
      { '/data': {}, '/var/log': {} },
    );
    expect(plan.map((mount) => [mount.kind, mount.target])).toEqual([
      ['bind', '/data'],
      ['volume', '/cache'],
      ['tmpfs', '/run'],
      ['volume', '/var/log'],
    ]);
    expect(plan[2]).toMatchObject({ options: ['nodev', 'nosuid', 'noexec', 'size=1m'] });
    expect(plan[3]).not.toHaveProperty('name');
  });

  it('refuses two mounts on one target (400)', () => {
    expect(() => planMounts({ Binds: ['/a:/x', 'v:/x'] }, null)).toThrow(
      expect.objectContaining({ statusCode: 400, message: 'Duplicate mount point: /x' }),
    );
  });
});
