// The `extends` stage on its own: ports the cases of compose-go's loader/extends_test.go and the
// extends tests of loader/loader_test.go and override_test.go that concern this stage (the
// loading of other files is faked: each is parsed as written). The whole pipeline, with paths
// rebased and files read, is covered by test/conformance/extends.yaml.
import { describe, expect, it } from 'vitest';
import { applyExtends, type ExtendedFile, type ExtendsContext } from '../../src/compose/apply-extends.js';
import { ComposeFileError } from '../../src/compose/errors.js';
import { parseComposeYaml } from '../../src/compose/parse.js';
import { locate } from '../../src/compose/source-map.js';
import { yamlValue } from './merge-yaml.js';

const MAIN = '/project/compose.yaml';

/** Parses a file as the loader would hand it over: its first document and its reset paths. */
function parseFile(file: string, text: string): ExtendedFile {
  const [document] = parseComposeYaml(file, text);
  if (!document) throw new Error(`no document in ${file}`);
  return { tree: document.tree as Record<string, unknown>, source: document.source, resets: document.resets };
}

/** A loader over fixed files; asking for any other file fails the way a missing file does. */
function filesLoader(files: Readonly<Record<string, string>>, asked: string[] = []) {
  return (path: string): ExtendedFile => {
    asked.push(path);
    const text = files[path];
    if (text === undefined) {
      throw new ComposeFileError({
        file: path,
        message: 'cannot read compose file: no such file or directory',
      });
    }
    return parseFile(path, text);
  };
}

function extend(
  compose: string,
  files: Readonly<Record<string, string>> = {},
  extra: Partial<ExtendsContext> = {},
) {
  const document = parseFile(MAIN, compose);
  return applyExtends(document, {
    file: MAIN,
    workingDir: '/project',
    resets: document.resets,
    loadExtendedFile: filesLoader(files),
    ...extra,
  });
}

interface ExtendsCase {
  name: string;
  compose: string;
  files?: Record<string, string>;
  /** The services after the stage, as YAML. */
  expected: string;
}

const cases: ExtendsCase[] = [
  {
    name: 'TestLoadExtends: a string names a service of the same file',
    compose: `
services:
  foo:
    image: busybox
    extends: bar
  bar:
    image: alpine
    command: echo`,
    expected: `
foo: { image: busybox, command: echo }
bar: { image: alpine, command: echo }`,
  },
  {
    name: 'TestLoadExtendsOverrideCommand: the service replaces the command',
    compose: `
services:
  foo:
    image: busybox
    extends: { service: bar }
    command: "rm -rf /tmp"
  bar:
    image: alpine
    command: "echo Oh no"`,
    expected: `
foo: { image: busybox, command: "rm -rf /tmp" }
bar: { image: alpine, command: "echo Oh no" }`,
  },
  {
    name: 'TestLoadExtendsListener: a chain is followed to its end',
    compose: `
services:
  foo: { image: busybox, extends: bar }
  bar: { image: alpine, command: echo, extends: wee }
  wee: { extends: last, command: echo }
  last: { image: python }`,
    expected: `
foo: { image: busybox, command: echo }
bar: { image: alpine, command: echo }
wee: { image: python, command: echo }
last: { image: python }`,
  },
  {
    name: 'sequences append, mappings merge (spec: extends, merging service definitions)',
    compose: `
services:
  base:
    image: nginx
    ports: ["80:80"]
    environment: { TZ: utc, PORT: "80" }
  web:
    extends: base
    ports: ["443:443"]
    environment: { PORT: "8080" }`,
    // Both forms become lists and append; enforce-unicity keeps the last PORT after the merge.
    expected: `
base: { image: nginx, ports: ["80:80"], environment: { TZ: utc, PORT: "80" } }
web: { image: nginx, ports: ["80:80", "443:443"], environment: [PORT=80, TZ=utc, PORT=8080] }`,
  },
  {
    name: 'TestLoadExtendsWihReset: !reset on the service drops the base value',
    compose: `
services:
  foo:
    extends: { service: bar }
    volumes: !reset []
  bar:
    image: alpine
    volumes: [".:/src"]`,
    expected: `
foo: { image: alpine }
bar: { image: alpine, volumes: [".:/src"] }`,
  },
  {
    name: 'TestLoadExtendsDependsOn: !override replaces instead of merging',
    compose: `
services:
  service_a: { image: a, depends_on: [service_c] }
  service_b:
    extends: service_a
    depends_on: !override [service_a]
  service_c: { image: c }`,
    expected: `
service_a: { image: a, depends_on: [service_c] }
service_b: { image: a, depends_on: [service_a] }
service_c: { image: c }`,
  },
  {
    name: 'TestOverrideSelfExtends: an !override in the middle of a chain stays there',
    compose: `
services:
  main_one: { image: nginx, depends_on: [depend_one] }
  main_two:
    extends: main_one
    depends_on: !override [depend_two]
  main:
    extends: { service: main_two }
    depends_on: [depend_base]`,
    expected: `
main_one: { image: nginx, depends_on: [depend_one] }
main_two: { image: nginx, depends_on: [depend_two] }
main:
  image: nginx
  depends_on:
    depend_two: { condition: service_started, required: true }
    depend_base: { condition: service_started, required: true }`,
  },
  {
    name: 'TestExtends: services of another file, same-file chains inside it',
    compose: `
services:
  test1:
    extends: { file: sub/base.yaml, service: base }
    hostname: test1
  test3:
    extends: { file: sub/base.yaml, service: another }
    hostname: test3`,
    files: {
      '/project/sub/base.yaml': `
services:
  base: { image: base }
  another: { extends: base }`,
    },
    expected: `
test1: { image: base, hostname: test1 }
test3: { image: base, hostname: test3 }`,
  },
  {
    name: 'TestExtendsReset: the resets of the extended file apply to its own chains',
    compose: `
services:
  test:
    extends: { file: reset.yaml, service: base }`,
    files: {
      '/project/reset.yaml': `
services:
  init: { image: alpine, command: "sleep infinity" }
  base:
    extends: { service: init }
    command: !reset`,
    },
    expected: `
test: { image: alpine }`,
  },
  {
    name: 'TestExtendsNil: an empty base adds nothing',
    compose: `
services:
  test:
    image: test
    extends: { file: base.yaml, service: nil }`,
    files: { '/project/base.yaml': 'services:\n  nil:\n' },
    expected: `
test: { image: test }`,
  },
  {
    name: 'an empty service is left for the schema to judge',
    compose: `
services:
  web:`,
    expected: `
web: null`,
  },
];

describe('applyExtends', () => {
  it.each(cases)('$name', ({ compose, files, expected }) => {
    expect(extend(compose, files).tree.services).toEqual(yamlValue(expected));
  });

  it('leaves a document without services as it is', () => {
    const document = parseFile(MAIN, 'volumes:\n  data: {}\n');
    expect(applyExtends(document, { file: MAIN, loadExtendedFile: filesLoader({}) })).toBe(document);
  });

  it('joins a relative extends.file to the working directory, not to the file folder', () => {
    const asked: string[] = [];
    const compose = 'services:\n  web:\n    extends: { file: common/base.yaml, service: base }\n';
    const document = parseFile('/project/sub/override.yaml', compose);
    applyExtends(document, {
      file: '/project/sub/override.yaml',
      workingDir: '/project',
      loadExtendedFile: filesLoader(
        { '/project/common/base.yaml': 'services:\n  base: { image: x }\n' },
        asked,
      ),
    });
    expect(asked).toEqual(['/project/common/base.yaml']);
  });

  it('takes the working directory from the file when none is given', () => {
    const asked: string[] = [];
    const document = parseFile(
      MAIN,
      'services:\n  web:\n    extends: { file: /abs/base.yaml, service: b }\n',
    );
    const loadExtendedFile = filesLoader(
      { '/abs/base.yaml': 'services:\n  b:\n    extends: { file: x.yaml, service: c }\n' },
      asked,
    );
    expect(() => applyExtends(document, { file: MAIN, loadExtendedFile })).toThrow(/no such file/);
    // The second link is relative: joined to the project directory, the folder of the main file.
    expect(asked).toEqual(['/abs/base.yaml', '/project/x.yaml']);
  });

  it('keeps where each value was written: inherited ones point into the other file', () => {
    const result = extend(
      'services:\n  web:\n    extends: { file: base.yaml, service: b }\n    hostname: web\n',
      {
        '/project/base.yaml': 'services:\n  b:\n    image: nginx\n',
      },
    );
    expect(locate(result.source, ['services', 'web', 'image'])).toMatchObject({
      file: '/project/base.yaml',
      line: 3,
    });
    expect(locate(result.source, ['services', 'web', 'hostname'])).toMatchObject({ file: MAIN, line: 4 });
  });
});

interface ErrorCase {
  name: string;
  compose: string;
  files?: Record<string, string>;
  message: string;
  path: string;
  /** line:column in the main file */
  at?: string;
}

const errorCases: ErrorCase[] = [
  {
    name: 'a service extending itself',
    compose: 'services:\n  web:\n    image: nginx\n    extends: web\n',
    message: `Circular reference:\n  web in ${MAIN}\n  extends web in ${MAIN}`,
    path: 'services.web.extends',
    at: '4:5',
  },
  {
    name: 'two services extending each other',
    compose: 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n',
    message: `Circular reference:\n  a in ${MAIN}\n  extends b in ${MAIN}\n  extends a in ${MAIN}`,
    path: 'services.a.extends',
  },
  {
    name: 'TestLoadWithResourcesCycle: a cycle across two files',
    compose: 'services:\n  foo:\n    extends: { file: cycle.yaml, service: bar }\n',
    files: {
      [MAIN]: 'services:\n  foo:\n    extends: { file: cycle.yaml, service: bar }\n',
      '/project/cycle.yaml': 'services:\n  bar:\n    extends: { file: compose.yaml, service: foo }\n',
    },
    message: `Circular reference:\n  foo in ${MAIN}\n  extends bar in /project/cycle.yaml\n  extends foo in ${MAIN}`,
    path: 'services.foo.extends',
  },
  {
    name: 'an unknown service of the same file',
    compose: 'services:\n  web:\n    extends: nope\n',
    message: `cannot extend service "web" in ${MAIN}: service "nope" not found`,
    path: 'services.web.extends',
    at: '3:5',
  },
  {
    name: 'an unknown service of another file',
    compose: 'services:\n  web:\n    extends: { file: base.yaml, service: nope }\n',
    files: { '/project/base.yaml': 'services:\n  base: { image: x }\n' },
    message: `cannot extend service "web" in ${MAIN}: service "nope" not found in base.yaml`,
    path: 'services.web.extends',
  },
  {
    name: 'a file that cannot be read',
    compose: 'services:\n  web:\n    extends:\n      file: missing.yaml\n      service: base\n',
    message: 'no such file or directory',
    path: 'services.web.extends.file',
    at: '4:7',
  },
  {
    name: 'a file without services',
    compose: 'services:\n  web:\n    extends: { file: base.yaml, service: base }\n',
    files: { '/project/base.yaml': 'volumes:\n  data: {}\n' },
    message: 'cannot extend service "web" in /project/base.yaml: no services section',
    path: 'services.web.extends.file',
  },
  {
    name: 'TestExtendsWihtMissingService: a mapping without service',
    compose: 'services:\n  test:\n    image: test\n    extends:\n      file: base.yaml\n',
    message: 'extends.test.service is required',
    path: 'services.test.extends',
  },
  {
    name: 'extends given a list',
    compose: 'services:\n  web:\n    extends: [base]\n',
    message: 'extends must be a service name',
    path: 'services.web.extends',
  },
];

describe('applyExtends errors', () => {
  it.each(errorCases)('$name', ({ compose, files, message, path, at }) => {
    let thrown: unknown;
    try {
      extend(compose, files);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ComposeFileError);
    const error = thrown as ComposeFileError;
    expect(error.detail).toContain(message);
    expect(error.message).toContain(`${path}: `);
    if (at !== undefined) expect(`${error.line}:${error.column}`).toBe(at);
    expect(error.file).toBe(MAIN);
  });
});
