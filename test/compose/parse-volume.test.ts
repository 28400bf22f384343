// Ports compose-go's format/volume_test.go: the short volume syntax, Windows paths and
// uninterpolated `${VAR:-default}` expressions included.
import { describe, expect, it } from 'vitest';
import { isFilePath, parseVolumeSpec } from '../../src/compose/parse-volume.js';

const anonymous = (target: string) => ({ type: 'volume', target, volume: {} });
const bind = (source: string, target: string, extra: Record<string, unknown> = {}, options = {}) => ({
  type: 'bind',
  source,
  target,
  ...extra,
  bind: { ...options, create_host_path: true },
});

describe('parseVolumeSpec', () => {
  it.each([
    // TestParseVolumeAnonymousVolume, TestParseVolumeAnonymousVolumeWindows
    { spec: '/path', expected: anonymous('/path') },
    { spec: '/path/foo', expected: anonymous('/path/foo') },
    { spec: 'C:\\path', expected: anonymous('C:\\path') },
    { spec: 'Z:\\path\\foo', expected: anonymous('Z:\\path\\foo') },
    // TestParseVolumeShortVolumes
    { spec: '.', expected: { type: 'volume', target: '.' } },
    { spec: '/a', expected: { type: 'volume', target: '/a' } },
    // TestParseVolumeBindMount
    ...['./foo', '~/thing', '../other', '/foo', '/home/user'].map((source) => ({
      spec: `${source}:/target`,
      expected: bind(source, '/target'),
    })),
    // TestParseVolumeRelativeBindMountWindows
    ...['./foo', '~/thing', '../other', 'D:\\path', '/home/user'].map((source) => ({
      spec: `${source}:d:\\target`,
      expected: bind(source, 'd:\\target'),
    })),
    // TestParseVolumeWithBindOptions…
    { spec: '/source:/target:slave', expected: bind('/source', '/target', {}, { propagation: 'slave' }) },
    {
      spec: '/source:/target:ro,z',
      expected: bind('/source', '/target', { read_only: true }, { selinux: 'z' }),
    },
    {
      spec: '/source:/target:ro,Z',
      expected: bind('/source', '/target', { read_only: true }, { selinux: 'Z' }),
    },
    {
      spec: 'C:\\source\\foo:D:\\target:ro,rprivate',
      expected: bind('C:\\source\\foo', 'D:\\target', { read_only: true }, { propagation: 'rprivate' }),
    },
    // TestParseVolumeWithInvalidVolumeOptions, TestParseVolumeWithVolumeOptions
    {
      spec: 'name:/target:bogus',
      expected: { type: 'volume', source: 'name', target: '/target', volume: {} },
    },
    {
      spec: 'name:/target:nocopy',
      expected: { type: 'volume', source: 'name', target: '/target', volume: { nocopy: true } },
    },
    // TestParseVolumeWithReadOnly, TestParseVolumeWithRW
    { spec: './foo:/target:ro', expected: bind('./foo', '/target', { read_only: true }) },
    { spec: '/home/user:/target:ro', expected: bind('/home/user', '/target', { read_only: true }) },
    { spec: './foo:/target:rw', expected: bind('./foo', '/target') },
    { spec: '/home/user:/target:rw', expected: bind('/home/user', '/target') },
    // TestParseVolumeWindowsNamedPipe
    {
      spec: '\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\inside',
      expected: bind('\\\\.\\pipe\\docker_engine', '\\\\.\\pipe\\inside'),
    },
    // TestParseVolumeWithVariableDefaultValue
    { spec: '/tmp:/tmp/${BUG_HERE:-DEFAULT}/path', expected: bind('/tmp', '/tmp/${BUG_HERE:-DEFAULT}/path') },
    { spec: '/tmp/${VAR:-default}:/target', expected: bind('/tmp/${VAR:-default}', '/target') },
    {
      spec: '/src/${SRC:-default}:/dst/${DST:-value}',
      expected: bind('/src/${SRC:-default}', '/dst/${DST:-value}'),
    },
    { spec: '/tmp:/tmp/${VAR:-}/path', expected: bind('/tmp', '/tmp/${VAR:-}/path') },
    {
      spec: '/tmp:/tmp/${VAR:-default/path/value}/file',
      expected: bind('/tmp', '/tmp/${VAR:-default/path/value}/file'),
    },
    {
      spec: '/tmp:/tmp/${VAR1:-val1}/${VAR2:-val2}/path',
      expected: bind('/tmp', '/tmp/${VAR1:-val1}/${VAR2:-val2}/path'),
    },
    {
      spec: '/tmp:/tmp/${VAR:-default}/path:ro',
      expected: bind('/tmp', '/tmp/${VAR:-default}/path', { read_only: true }),
    },
    { spec: '/tmp:/tmp/${WORKS_AS_EXPECTED}/path', expected: bind('/tmp', '/tmp/${WORKS_AS_EXPECTED}/path') },
    {
      spec: '/tmp:/tmp/${VAR1:-default}/${VAR2}/path',
      expected: bind('/tmp', '/tmp/${VAR1:-default}/${VAR2}/path'),
    },
    { spec: '/tmp:/tmp/${TIME:-12:30:45}/path', expected: bind('/tmp', '/tmp/${TIME:-12:30:45}/path') },
    {
      spec: 'myvolume:/data/${VAR:-default}/path',
      expected: { type: 'volume', source: 'myvolume', target: '/data/${VAR:-default}/path', volume: {} },
    },
    {
      spec: '/src:/target/${VAR:-default}/path:slave,ro',
      expected: bind('/src', '/target/${VAR:-default}/path', { read_only: true }, { propagation: 'slave' }),
    },
    // TestParseVolumeWithVariableDefaultValueWindows
    {
      spec: 'C:\\source:D:\\target\\${VAR:-default}\\path',
      expected: bind('C:\\source', 'D:\\target\\${VAR:-default}\\path'),
    },
    { spec: 'C:\\src\\${VAR:-default}:D:\\target', expected: bind('C:\\src\\${VAR:-default}', 'D:\\target') },
    {
      spec: 'C:\\source:D:\\${VAR:-default}\\path:ro',
      expected: bind('C:\\source', 'D:\\${VAR:-default}\\path', { read_only: true }),
    },
    // TestParseVolumeWithNestedBraces
    { spec: '/tmp:/tmp/${VAR:-{default}}/path', expected: bind('/tmp', '/tmp/${VAR:-{default}}/path') },
    { spec: '/tmp:/tmp/path/${VAR:-default}', expected: bind('/tmp', '/tmp/path/${VAR:-default}') },
    { spec: '/tmp:/${VAR:-default}/path', expected: bind('/tmp', '/${VAR:-default}/path') },
    // the brief's examples
    { spec: './src:/app:ro,z', expected: bind('./src', '/app', { read_only: true }, { selinux: 'z' }) },
    {
      spec: 'data:/var/lib/data',
      expected: { type: 'volume', source: 'data', target: '/var/lib/data', volume: {} },
    },
    { spec: '~/configs:/etc/configs/:ro', expected: bind('~/configs', '/etc/configs/', { read_only: true }) },
    // nocopy is kept on a bind, where compose-go keeps it too
    { spec: './a:/b:nocopy', expected: { ...bind('./a', '/b'), volume: { nocopy: true } } },
  ])('$spec', ({ spec, expected }) => {
    expect(parseVolumeSpec(spec)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { spec: '', error: 'invalid empty volume spec' },
    { spec: '/foo:/foo:ro:foo', error: 'invalid spec: /foo:/foo:ro:foo: too many colons' },
    { spec: ':foo', error: 'invalid spec: :foo: empty section between colons' },
    { spec: '/foo::ro', error: 'invalid spec: /foo::ro: empty section between colons' },
    { spec: '/foo::rw', error: 'invalid spec: /foo::rw: empty section between colons' },
  ])('refuses $spec', ({ spec, error }) => {
    expect(parseVolumeSpec(spec)).toEqual({ ok: false, error });
  });

  // TestParseVolumeSplitCases: whether the spec has a source, i.e. splits into two or more parts.
  it.each([
    { spec: 'C:\\foo:d:', hasSource: true },
    { spec: ':C:\\foo:d:', hasSource: false },
    { spec: '/foo:/bar:ro', hasSource: true },
    { spec: 'C:\\foo\\:/foo', hasSource: true },
    { spec: 'd:\\', hasSource: false },
    { spec: 'd:', hasSource: false },
    { spec: 'd:\\path', hasSource: false },
    { spec: 'd:\\path with space', hasSource: false },
    { spec: 'd:\\pathandmode:rw', hasSource: true },
    { spec: 'c:\\:d:\\', hasSource: true },
    { spec: 'c:\\windows\\:d:', hasSource: true },
    { spec: 'c:\\windows:d:\\s p a c e', hasSource: true },
    { spec: 'c:\\windows:d:\\s p a c e:RW', hasSource: true },
    { spec: 'c:\\program files:d:\\s p a c e i n h o s t d i r', hasSource: true },
    { spec: '0123456789name:d:', hasSource: true },
    { spec: 'MiXeDcAsEnAmE:d:', hasSource: true },
    { spec: 'name:D:', hasSource: true },
    { spec: 'name:D::rW', hasSource: true },
    { spec: 'name:D::RW', hasSource: true },
    { spec: 'c:/:d:/forward/slashes/are/good/too', hasSource: true },
    { spec: 'c:\\Windows', hasSource: false },
    { spec: 'c:\\Program Files (x86)', hasSource: false },
    { spec: '', hasSource: false },
    { spec: '.', hasSource: false },
    { spec: '..\\', hasSource: false },
    { spec: 'c:\\:..\\', hasSource: true },
    { spec: 'c:\\:d:\\:xyzzy', hasSource: true },
    { spec: '/tmp/x/y:/foo/x/y', hasSource: true },
  ])('$spec has a source: $hasSource', ({ spec, hasSource }) => {
    const result = parseVolumeSpec(spec);
    expect(result.ok && result.value.source !== undefined).toBe(hasSource);
  });
});

describe('isFilePath', () => {
  it.each([
    { source: 'a界', expected: false },
    { source: './a', expected: true },
    { source: '~/a', expected: true },
    { source: '/a', expected: true },
    { source: '\\\\.\\pipe', expected: true },
    { source: 'C:\\a', expected: true },
    { source: 'data', expected: false },
    { source: '', expected: false },
  ])('$source', ({ source, expected }) => {
    expect(isFilePath(source)).toBe(expected);
  });
});
