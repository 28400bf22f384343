// The `include` stage on its own: how each entry becomes an included project (files, project
// directory, environment, include chain), and how the loaded project's resources join the
// document. Ports compose-go's loader/include.go behaviour and the include tests of
// loader/include_test.go and loader_test.go; loading the included project is faked (its main
// file parsed as written). The whole pipeline is covered by test/conformance/include.yaml.
import { describe, expect, it } from 'vitest';
import { applyInclude, type IncludeContext, type IncludedProject } from '../../src/compose/apply-include.js';
import { readEnvFilesForInclude } from '../../src/compose/environment.js';
import { ComposeFileError } from '../../src/compose/errors.js';
import { memoryFileSystem } from '../../src/compose/file-system.js';
import type { LocatedTree } from '../../src/compose/located-tree.js';
import { parseComposeYaml } from '../../src/compose/parse.js';
import { locate } from '../../src/compose/source-map.js';
import { yamlValue } from './merge-yaml.js';

const MAIN = '/project/compose.yaml';

interface Included {
  readonly result: LocatedTree;
  readonly projects: IncludedProject[];
}

/**
 * Runs the stage on `compose` with `files` on disk. The included project is its main file's
 * first document, as written; the projects the stage asked for are recorded.
 */
function include(
  compose: string,
  files: Readonly<Record<string, string>> = {},
  extra: Partial<IncludeContext> = {},
): Included {
  const fs = memoryFileSystem({ [MAIN]: compose, ...files });
  const [document] = parseComposeYaml(MAIN, compose);
  if (!document) throw new Error('no document');
  const projects: IncludedProject[] = [];
  const result = applyInclude(
    { tree: document.tree as Record<string, unknown>, source: document.source },
    {
      file: MAIN,
      workingDir: '/project',
      environment: {},
      includeStack: [],
      resets: document.resets,
      fs,
      readEnvFiles: (paths, environment) => readEnvFilesForInclude(paths, environment, fs),
      loadIncludedModel: (project) => {
        projects.push(project);
        const main = project.files[0]!;
        const [included] = parseComposeYaml(main, fs.readFile(main));
        return { tree: (included?.tree ?? {}) as Record<string, unknown>, source: included!.source };
      },
      ...extra,
    },
  );
  return { result, projects };
}

const API = 'services:\n  api:\n    image: api\n';

interface ProjectCase {
  name: string;
  compose: string;
  files?: Record<string, string>;
  environment?: Record<string, string>;
  expected: Partial<IncludedProject>;
}

const projectCases: ProjectCase[] = [
  {
    name: 'a short entry: its folder is the project directory, no environment of its own',
    compose: 'include:\n  - sub/compose.yaml\n',
    files: { '/project/sub/compose.yaml': API },
    expected: {
      files: ['/project/sub/compose.yaml'],
      projectDirectory: '/project/sub',
      environment: {},
      includeStack: [MAIN],
    },
  },
  {
    name: 'a list of paths, found from the including project directory',
    compose: 'include:\n  - path: [sub/compose.yaml, override.yaml]\n',
    files: { '/project/sub/compose.yaml': API, '/project/override.yaml': API },
    expected: {
      files: ['/project/sub/compose.yaml', '/project/override.yaml'],
      projectDirectory: '/project/sub',
    },
  },
  {
    name: 'a relative project_directory starts from the including project directory',
    compose: 'include:\n  - path: inc/compose.yaml\n    project_directory: ../subdir\n',
    files: { '/project/inc/compose.yaml': API },
    expected: { projectDirectory: '/subdir' },
  },
  {
    name: 'the .env of the project directory defines its variables',
    compose: 'include:\n  - sub/compose.yaml\n',
    files: { '/project/sub/compose.yaml': API, '/project/sub/.env': 'TAG=1\nOTHER=${TAG}-x\n' },
    expected: { environment: { TAG: '1', OTHER: '1-x' } },
  },
  {
    name: 'the including environment wins, and env files see it',
    compose: 'include:\n  - sub/compose.yaml\n',
    files: { '/project/sub/compose.yaml': API, '/project/sub/.env': 'TAG=1\nOTHER=${TAG}-x\n' },
    environment: { TAG: 'main' },
    expected: { environment: { TAG: 'main', OTHER: 'main-x' } },
  },
  {
    name: 'env_file replaces .env; relative env files start from the including project',
    compose: 'include:\n  - path: sub/compose.yaml\n    env_file: [a.env, /project/sub/b.env]\n',
    files: {
      '/project/sub/compose.yaml': API,
      '/project/sub/.env': 'FROM_DOTENV=1\n',
      '/project/a.env': 'A=1\nB=1\n',
      '/project/sub/b.env': 'B=2\n',
    },
    expected: { environment: { A: '1', B: '2' } },
  },
  {
    name: 'env_file /dev/null: no env file, not even .env',
    compose: 'include:\n  - path: sub/compose.yaml\n    env_file: /dev/null\n',
    files: { '/project/sub/compose.yaml': API, '/project/sub/.env': 'FROM_DOTENV=1\n' },
    expected: { environment: {} },
  },
];

describe('applyInclude: the included project', () => {
  it.each(projectCases)('$name', ({ compose, files, environment, expected }) => {
    const { projects } = include(compose, files, environment ? { environment } : {});
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject(expected);
  });

  it('passes the chain of including files on', () => {
    const { projects } = include(
      'include:\n  - a.yaml\n',
      { '/project/a.yaml': API },
      {
        includeStack: ['/top/compose.yaml'],
      },
    );
    expect(projects[0]?.includeStack).toEqual(['/top/compose.yaml', MAIN]);
  });
});

interface ResourceCase {
  name: string;
  compose: string;
  included: string;
  /** The document after the stage, as YAML. */
  expected: string;
}

const resourceCases: ResourceCase[] = [
  {
    name: 'services and top-level resources are added, include removed',
    compose: 'include:\n  - sub/compose.yaml\nservices:\n  web: { image: web }\n',
    included: `
name: sub
services:
  api: { image: api }
networks:
  back: {}
volumes:
  data: {}
secrets:
  s: { file: s.txt }
configs:
  c: { file: c.txt }
x-ignored: true`,
    expected: `
services:
  web: { image: web }
  api: { image: api }
networks: { back: {} }
volumes: { data: {} }
secrets: { s: { file: s.txt } }
configs: { c: { file: c.txt } }`,
  },
  {
    name: 'TestLoadWithMultipleIncludeConflict without tags: merged, the local definition on top',
    compose:
      'include:\n  - sub/compose.yaml\nservices:\n  bar:\n    image: busybox\n    environment: [ZOT=QIX]\n',
    included: 'services:\n  bar:\n    image: bar\n    environment: [FOO=BAR]\n',
    expected: 'services:\n  bar:\n    image: busybox\n    environment: [FOO=BAR, ZOT=QIX]\n',
  },
  {
    name: 'TestLoadWithMultipleIncludeConflict: !override drops the imported attribute',
    compose:
      'include:\n  - sub/compose.yaml\nservices:\n  bar:\n    image: busybox\n    environment: !override [ZOT=QIX]\n',
    included: 'services:\n  bar:\n    image: bar\n    environment: [FOO=BAR]\n',
    expected: 'services:\n  bar:\n    image: busybox\n    environment: [ZOT=QIX]\n',
  },
  {
    name: 'a network defined on both sides is merged',
    compose: 'include:\n  - sub/compose.yaml\nnetworks:\n  shared:\n    labels: { owner: main }\n',
    included: 'networks:\n  shared:\n    driver: bridge\n    labels: { team: sub }\n',
    expected: 'networks:\n  shared:\n    driver: bridge\n    labels: [team=sub, owner=main]\n',
  },
  {
    name: 'TestLoadWithIncludeEnv: an entry without a value takes the included project variable',
    compose: `
include:
  - path: sub/compose.yaml
    env_file: custom.env
services:
  a: { image: alpine, environment: { VAR_NAME: null } }`,
    included: 'services:\n  b:\n    image: alpine\n    environment: { VAR_NAME: null, OTHER: null }\n',
    expected: `
services:
  a: { image: alpine, environment: { VAR_NAME: null } }
  b: { image: alpine, environment: { VAR_NAME: value, OTHER: null } }`,
  },
  {
    name: 'TestLoadWithIncludeEnv, list form: `- VAR` becomes `- VAR=value`',
    compose: 'include:\n  - path: sub/compose.yaml\n    env_file: custom.env\n',
    included: 'services:\n  b:\n    image: alpine\n    environment: [VAR_NAME, OTHER, SET=1]\n',
    expected: 'services:\n  b:\n    image: alpine\n    environment: [VAR_NAME=value, OTHER, SET=1]\n',
  },
  {
    name: 'an empty include adds nothing',
    compose: 'include:\nservices:\n  web: { image: web }\n',
    included: '',
    expected: 'services:\n  web: { image: web }\n',
  },
];

describe('applyInclude: resources', () => {
  it.each(resourceCases)('$name', ({ compose, included, expected }) => {
    const { result } = include(compose, {
      '/project/sub/compose.yaml': included,
      '/project/custom.env': 'VAR_NAME=value\n',
    });
    expect(result.tree).toEqual(yamlValue(expected));
  });

  it('leaves a document without include as it is', () => {
    const [document] = parseComposeYaml(MAIN, API);
    const located = { tree: document!.tree as Record<string, unknown>, source: document!.source };
    const context = {
      loadIncludedModel: () => expect.fail('nothing to include'),
    } as unknown as IncludeContext;
    expect(applyInclude(located, context)).toBe(located);
  });

  it('keeps where each imported value was written', () => {
    const { result } = include('include:\n  - sub/compose.yaml\n', { '/project/sub/compose.yaml': API });
    expect(locate(result.source, ['services', 'api', 'image'])).toMatchObject({
      file: '/project/sub/compose.yaml',
      line: 3,
    });
  });
});

interface ErrorCase {
  name: string;
  compose: string;
  files?: Record<string, string>;
  includeStack?: string[];
  message: string;
  path: string;
}

const errorCases: ErrorCase[] = [
  {
    name: 'include given a string',
    compose: 'include: other.yaml\n',
    message: '`include` must be a list, got other.yaml',
    path: 'include',
  },
  {
    name: 'an entry without path',
    compose: 'include:\n  - project_directory: sub\n',
    message: 'an include entry is a path, or a mapping with "path"',
    path: 'include[0]',
  },
  {
    name: 'TestLoadWithIncludeCycle: a file including itself',
    compose: 'include:\n  - compose.yaml\n',
    message: `include cycle detected:\n${MAIN}\n include ${MAIN}`,
    path: 'include[0]',
  },
  {
    name: 'a file including the file that includes it',
    compose: 'include:\n  - ../top/compose.yaml\n',
    includeStack: ['/top/compose.yaml'],
    message: `include cycle detected:\n/top/compose.yaml\n include ${MAIN}\n include /top/compose.yaml`,
    path: 'include[0]',
  },
  {
    name: 'an env_file that does not exist',
    compose: 'include:\n  - path: sub/compose.yaml\n    env_file: missing.env\n',
    files: { '/project/sub/compose.yaml': API },
    message: "couldn't find env file: /project/missing.env",
    path: 'include[0].env_file',
  },
  {
    name: 'an env_file that is a folder',
    compose: 'include:\n  - path: sub/compose.yaml\n    env_file: sub\n',
    files: { '/project/sub/compose.yaml': API },
    message: '/project/sub is not a file',
    path: 'include[0].env_file',
  },
];

describe('applyInclude errors', () => {
  it.each(errorCases)('$name', ({ compose, files, includeStack, message, path }) => {
    let thrown: unknown;
    try {
      include(compose, files, includeStack ? { includeStack } : {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ComposeFileError);
    const error = thrown as ComposeFileError;
    expect(error.detail).toContain(message);
    expect(error.message).toContain(`${path}: `);
    expect(error.file).toBe(MAIN);
    expect(error.line).toBeGreaterThan(0);
  });
});
