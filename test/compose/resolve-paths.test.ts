// Ports compose-go's paths tests (paths/windows_path_test.go) and the loader tests that check
// resolved paths (loader/paths_test.go, loader_test.go: bind mounts, Windows sources, ssh keys,
// local volume devices, remote contexts; cli/testdata/simple/compose-with-paths.yaml).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ComposeFileError } from '../../src/compose/errors.js';
import {
  isRemoteComposeResource,
  isWindowsAbsolute,
  resolveRelativePaths,
  type ResolvePathsOptions,
} from '../../src/compose/resolve-paths.js';

interface Case {
  name: string;
  input: string;
  expected: string;
  options?: Partial<ResolvePathsOptions>;
}

const cases: Case[] = [
  {
    name: 'TestResolveBuildContextPaths: a relative context is joined, the Dockerfile is not',
    input: `
      services:
        foo:
          build: { context: ./testdata, dockerfile: Dockerfile-sample }
    `,
    expected: `
      services:
        foo:
          build: { context: /project/testdata, dockerfile: Dockerfile-sample }
    `,
  },
  {
    name: 'TestResolveAdditionalContexts: builder references and remote contexts are left alone',
    input: `
      services:
        test:
          build:
            context: .
            dockerfile: Dockerfile
            additional_contexts:
              image: docker-image://foo
              oci: oci-layout://foo
              abs_path: /dir
              github: github.com/compose-spec/compose-go
              rel_path: ./testdata
              other: service:base
    `,
    expected: `
      services:
        test:
          build:
            context: /project
            dockerfile: Dockerfile
            additional_contexts:
              image: docker-image://foo
              oci: oci-layout://foo
              abs_path: /dir
              github: github.com/compose-spec/compose-go
              rel_path: /project/testdata
              other: service:base
    `,
  },
  {
    name: 'TestLoadWithExtendsWithContextUrl: git and http contexts are remote',
    input: `
      services:
        a: { build: { context: "https://github.com/docker/compose.git" } }
        b: { build: { context: "git@github.com:docker/compose.git#main" } }
        c: { build: { context: "ssh://git@host/repo.git" } }
        d: { build: { context: "http://example.com/context.tar.gz" } }
        e: { build: { context: "git://host/repo" } }
        f: { build: { context: "../sibling" } }
    `,
    expected: `
      services:
        a: { build: { context: "https://github.com/docker/compose.git" } }
        b: { build: { context: "git@github.com:docker/compose.git#main" } }
        c: { build: { context: "ssh://git@host/repo.git" } }
        d: { build: { context: "http://example.com/context.tar.gz" } }
        e: { build: { context: "git://host/repo" } }
        f: { build: { context: /sibling } }
    `,
  },
  {
    name: 'TestLoadBindMountWithSource: a bind source "." is the project directory',
    input: `
      services:
        bind:
          volumes:
            - { type: bind, source: ".", target: /app }
            - { type: bind, source: ./data/, target: /data }
            - { type: bind, source: ../shared, target: /shared }
            - { type: volume, source: ./not-a-path, target: /named }
            - { type: tmpfs, target: /tmp }
    `,
    expected: `
      services:
        bind:
          volumes:
            - { type: bind, source: /project, target: /app }
            - { type: bind, source: /project/data, target: /data }
            - { type: bind, source: /shared, target: /shared }
            - { type: volume, source: ./not-a-path, target: /named }
            - { type: tmpfs, target: /tmp }
    `,
  },
  {
    name: 'TestLoadBindMountSourceIsWindowsAbsolute: Windows sources are kept for the engine',
    input: `
      services:
        test:
          volumes:
            - { type: bind, source: 'z:\\', target: 'c:\\data' }
            - { type: bind, source: 'Z:\\some-dir', target: 'C:\\data' }
            - { type: bind, source: /z/some-dir, target: /c/data }
            - { type: bind, source: '\\\\host\\share\\foo', target: /unc }
            - { type: bind, source: 'c:relative', target: /drive-relative }
    `,
    expected: `
      services:
        test:
          volumes:
            - { type: bind, source: 'z:\\', target: 'c:\\data' }
            - { type: bind, source: 'Z:\\some-dir', target: 'C:\\data' }
            - { type: bind, source: /z/some-dir, target: /c/data }
            - { type: bind, source: '\\\\host\\share\\foo', target: /unc }
            - { type: bind, source: /project/c:relative, target: /drive-relative }
    `,
  },
  {
    name: 'cli compose-with-paths.yaml: Windows, long-form relative and short-form relative binds',
    input: `
      services:
        test:
          image: hello-world
          volumes:
            - { type: bind, source: 'C:\\docker\\project', target: /test }
            - { type: bind, source: ./relative, target: /test-relative }
            - { type: bind, source: ./relative2, target: /test-relative2, bind: { create_host_path: true } }
    `,
    expected: `
      services:
        test:
          image: hello-world
          volumes:
            - { type: bind, source: 'C:\\docker\\project', target: /test }
            - { type: bind, source: /project/relative, target: /test-relative }
            - { type: bind, source: /project/relative2, target: /test-relative2, bind: { create_host_path: true } }
    `,
  },
  {
    name: '~ expands to the home directory in binds, env files and secrets',
    options: { home: '/home/me' },
    input: `
      services:
        web:
          volumes:
            - { type: bind, source: ~/data, target: /data }
            - { type: bind, source: "~", target: /home }
            - { type: bind, source: ~other/x, target: /other }
          env_file: [{ path: ~/.env, required: true }]
      secrets:
        key: { file: ~/.ssh/id }
    `,
    expected: `
      services:
        web:
          volumes:
            - { type: bind, source: /home/me/data, target: /data }
            - { type: bind, source: /home/me, target: /home }
            - { type: bind, source: /home/me/other/x, target: /other }
          env_file: [{ path: /home/me/.env, required: true }]
      secrets:
        key: { file: /home/me/.ssh/id }
    `,
  },
  {
    name: 'without a home directory ~ stays and is joined like any relative path',
    input: `
      services:
        web:
          volumes: [{ type: bind, source: ~/data, target: /data }]
    `,
    expected: `
      services:
        web:
          volumes: [{ type: bind, source: /project/~/data, target: /data }]
    `,
  },
  {
    name: 'env_file and label_file paths are joined; an empty path stays empty',
    input: `
      services:
        web:
          env_file:
            - { path: ./a.env, required: true }
            - { path: /etc/b.env, required: false }
            - { path: "", required: false }
          label_file: [./labels, sub/../more.labels]
    `,
    expected: `
      services:
        web:
          env_file:
            - { path: /project/a.env, required: true }
            - { path: /etc/b.env, required: false }
            - { path: "", required: false }
          label_file: [/project/labels, /project/more.labels]
    `,
  },
  {
    name: 'secret and config files are host paths; environment and content are not paths',
    input: `
      secrets:
        a: { file: ./secret.txt }
        b: { environment: TOKEN }
        c: { file: 'C:\\secrets\\c' }
      configs:
        d: { file: conf/app.conf }
        e: { content: ./not-a-path }
    `,
    expected: `
      secrets:
        a: { file: /project/secret.txt }
        b: { environment: TOKEN }
        c: { file: 'C:\\secrets\\c' }
      configs:
        d: { file: /project/conf/app.conf }
        e: { content: ./not-a-path }
    `,
  },
  {
    name: 'TestLoadSSHWith*: ssh key paths are joined, the default agent (null) is kept',
    input: `
      services:
        test:
          build: { context: ., ssh: { default: null, key1: value1, key2: /abs/key } }
    `,
    expected: `
      services:
        test:
          build: { context: /project, ssh: { default: null, key1: /project/value1, key2: /abs/key } }
    `,
  },
  {
    name: 'TestLoadWithBindMountVolume: a local volume bound with o=bind has its device joined',
    input: `
      volumes:
        data:
          driver: local
          driver_opts: { type: none, o: bind, device: ./data }
        nfs:
          driver: local
          driver_opts: { type: nfs, o: "addr=10.0.0.1", device: ":/exports" }
        plugin:
          driver: other
          driver_opts: { o: bind, device: ./x }
        empty: null
    `,
    expected: `
      volumes:
        data:
          driver: local
          driver_opts: { type: none, o: bind, device: /project/data }
        nfs:
          driver: local
          driver_opts: { type: nfs, o: "addr=10.0.0.1", device: ":/exports" }
        plugin:
          driver: other
          driver_opts: { o: bind, device: ./x }
        empty: null
    `,
  },
  {
    name: 'extends.file is joined unless a remote loader takes it',
    input: `
      services:
        a: { extends: { service: base, file: ./common.yaml } }
        b: { extends: { service: base, file: "oci://registry/app:1" } }
        c: { extends: { service: base, file: "https://github.com/org/repo.git#main:compose.yaml" } }
        d: { extends: { service: base } }
    `,
    expected: `
      services:
        a: { extends: { service: base, file: /project/common.yaml } }
        b: { extends: { service: base, file: "oci://registry/app:1" } }
        c: { extends: { service: base, file: "https://github.com/org/repo.git#main:compose.yaml" } }
        d: { extends: { service: base } }
    `,
  },
  {
    name: 'develop.watch paths are joined and their symbolic links resolved by the caller',
    options: { resolveSymbolicLinks: (path) => path.replace('/project/link', '/project/real') },
    input: `
      services:
        web:
          develop:
            watch:
              - { path: ./src, action: sync, target: /app/src }
              - { path: link/conf, action: sync+restart, target: /etc/conf }
    `,
    expected: `
      services:
        web:
          develop:
            watch:
              - { path: /project/src, action: sync, target: /app/src }
              - { path: /project/real/conf, action: sync+restart, target: /etc/conf }
    `,
  },
  {
    name: 'include paths, project directory and env files are joined; remote ones are kept',
    input: `
      include:
        - { path: [sub/compose.yaml, sub/override.yaml], project_directory: sub, env_file: [sub/.env] }
        - { path: "oci://registry/stack:1" }
    `,
    expected: `
      include:
        - path: [/project/sub/compose.yaml, /project/sub/override.yaml]
          project_directory: /project/sub
          env_file: [/project/sub/.env]
        - { path: "oci://registry/stack:1" }
    `,
  },
  {
    name: 'a relative working directory (an extended or included file) gives relative paths',
    options: { workingDir: 'sub' },
    input: `
      services:
        web:
          build: { context: . }
          volumes: [{ type: bind, source: ../data, target: /data }]
          extends: { service: base, file: base.yaml }
    `,
    expected: `
      services:
        web:
          build: { context: sub }
          volumes: [{ type: bind, source: data, target: /data }]
          extends: { service: base, file: sub/base.yaml }
    `,
  },
  {
    name: 'attributes that are not paths are left alone, wherever they sit',
    input: `
      services:
        web:
          image: ./image
          working_dir: ./wd
          build: { context: /abs, dockerfile: ./Dockerfile }
          secrets: [{ source: s, target: ./t }]
      x-files: { file: ./x }
      networks:
        n: { driver: local, driver_opts: { o: bind, device: ./n } }
    `,
    expected: `
      services:
        web:
          image: ./image
          working_dir: ./wd
          build: { context: /abs, dockerfile: ./Dockerfile }
          secrets: [{ source: s, target: ./t }]
      x-files: { file: ./x }
      networks:
        n: { driver: local, driver_opts: { o: bind, device: ./n } }
    `,
  },
];

describe('resolveRelativePaths', () => {
  it.each(cases)('$name', ({ input, expected, options }) => {
    const tree = parse(input) as Record<string, unknown>;
    const written = structuredClone(tree);
    const resolved = resolveRelativePaths(tree, { workingDir: '/project', ...options });
    expect(resolved).toEqual(parse(expected));
    expect(tree).toEqual(written);
  });

  it.each([
    {
      name: 'TestLoadBindMountSourceMustNotBeEmpty: a bind without source',
      input: `services: { tmpfs: { volumes: [{ type: bind, target: /app }] } }`,
      message: 'invalid mount config for type "bind": field Source must not be empty',
      path: ['services', 'tmpfs', 'volumes', 0],
    },
    {
      name: 'an env_file path that is not a string',
      input: `services: { web: { env_file: [{ path: 3, required: true }] } }`,
      message: 'expected a path, got a number',
      path: ['services', 'web', 'env_file', 0, 'path'],
    },
  ])('$name is an error', ({ input, message, path }) => {
    const tree = parse(input) as Record<string, unknown>;
    const error = catchError(() => resolveRelativePaths(tree, { workingDir: '/project' }));
    expect(error).toBeInstanceOf(ComposeFileError);
    expect((error as ComposeFileError).detail).toBe(message);
    expect((error as ComposeFileError).path).toEqual(path);
  });
});

// paths/windows_path_test.go TestIsAbs: the Windows table, the Unix table (never absolute on
// Windows: no volume) and the Unix table behind a drive letter (absolute as on Unix).
const unixIsAbs: Array<[string, boolean]> = [
  ['', false],
  ['/', true],
  ['/usr/bin/gcc', true],
  ['..', false],
  ['/a/../bb', true],
  ['.', false],
  ['./', false],
  ['lala', false],
];
const windowsIsAbs: Array<[string, boolean]> = [
  ['C:\\', true],
  ['c\\', false],
  ['c::', false],
  ['c:', false],
  ['/', false],
  ['\\', false],
  ['\\Windows', false],
  ['c:a\\b', false],
  ['c:\\a\\b', true],
  ['c:/a/b', true],
  ['\\\\host\\share\\foo', true],
  ['//host/share/foo/bar', true],
  ['\\\\.\\UNC\\host\\share', true],
  ['\\\\?\\c:\\x', true],
  ...unixIsAbs.map(([path]): [string, boolean] => [path, false]),
  ...unixIsAbs.map(([path, abs]): [string, boolean] => [`c:${path}`, abs]),
];

describe('isWindowsAbsolute', () => {
  it.each(windowsIsAbs)('%j is absolute: %s', (path, absolute) => {
    expect(isWindowsAbsolute(path)).toBe(absolute);
  });
});

describe('isRemoteComposeResource', () => {
  it.each([
    ['oci://docker.io/user/app:latest', true],
    ['https://github.com/docker/compose.git', true],
    ['https://github.com/docker/compose.git#v2:pkg/e2e', true],
    ['https://example.com/compose.yaml', false],
    ['git@github.com:docker/compose.git', true],
    ['ssh://git@github.com/docker/compose.git', true],
    ['git://host/repo', true],
    ['github.com/docker/compose', true],
    ['ftp://host/compose.yaml', false],
    ['./common.yaml', false],
    ['../common.yaml', false],
    ['common.yaml', false],
    ['/abs/common.yaml', false],
    ['c:/compose.yaml', false],
  ])('%s: %s', (path, remote) => {
    expect(isRemoteComposeResource(path)).toBe(remote);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
