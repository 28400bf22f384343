// Ports compose-go's types/project_test.go TestProject_WithServicesEnvironmentResolved,
// loader/loader_test.go TestLoadWithEnvironment, TestDiscardEnvFileOption,
// TestLoadServiceWithEnvFile, TestWithSelectedServicesOption_SkipsMissingEnvFile,
// loader/tests/environment_test.go and env_file_test.go, cli/options_test.go
// TestProjectWithDiscardEnvFile, and docker/compose's e2e env_file_test.go (TestRawEnvFile,
// TestUnusedMissingEnvFile) and compose_environment_test.go (TestEnvPriorityComposeEnvironment).
import { describe, expect, it } from 'vitest';
import { ComposeFileError } from '../../src/compose/errors.js';
import { memoryFileSystem } from '../../src/compose/file-system.js';
import type { ServiceConfig } from '../../src/compose/project.js';
import {
  applyServiceEnvironment,
  resolveServiceEnvironment,
  type ServiceEnvironmentContext,
} from '../../src/compose/service-environment.js';
import type { SourceNode } from '../../src/compose/source-map.js';

const BASE_ENV = [
  'FOO=foo_from_base.env',
  'INTERPOLATED_FOO=${FOO}',
  'BAR=bar_from_base.env',
  'INTERPOLATED_BAR=${BAR}',
  'ZOT=zot_from_base.env',
  'INTERPOLATED_ZOT=${ZOT}',
].join('\n');
const OVERRIDE_ENV = [
  'FOO=foo_from_override.env',
  'INTERPOLATED_FOO=${FOO}',
  'BAR=bar_from_override.env',
  'INTERPOLATED_BAR=${BAR}',
].join('\n');
const EXAMPLE1_ENV = [
  '# passed through',
  'FOO=foo_from_env_file',
  'ENV.WITH.DOT=ok',
  'ENV_WITH_UNDERSCORE=ok',
  '',
  '# overridden in example2.env',
  'BAR=bar_from_env_file',
  '',
  '# overridden in full-example.yml',
  'BAZ=baz_from_env_file',
].join('\n');
const EXAMPLE2_ENV =
  'BAR=bar_from_env_file_2\n\n# overridden in configDetails.Environment\nQUX=quz_from_env_file_2\n';

const FILES = {
  '/p/base.env': BASE_ENV,
  '/p/override.env': OVERRIDE_ENV,
  '/p/example1.env': EXAMPLE1_ENV,
  '/p/example2.env': EXAMPLE2_ENV,
  '/p/simple-env': 'DEFAULT_PORT=8080\n',
  '/p/second-env': 'DEFAULT_PORT=9090\n',
  '/p/hallo.env': 'HALLO=$TEST',
  '/p/.env.raw': 'TEST_VAR=\'{"key": "value"}\'\nDOLLAR=$HOME\n',
  '/p/test.env': 'FOO=BAR',
  '/p/bare.env': 'FROM_PROJECT\nFROM_SERVICE\nNOWHERE\n',
  '/p/dir/inner': '',
};

function context(project: Record<string, string> = {}): ServiceEnvironmentContext {
  return {
    lookup: (name) => (Object.hasOwn(project, name) ? project[name] : undefined),
    fs: memoryFileSystem(FILES),
    workingDir: '/p',
    path: ['services', 'web'],
  };
}

const envFile = (path: string, required = true, format?: string) => ({
  path,
  required,
  ...(format ? { format } : {}),
});

interface ResolveCase {
  name: string;
  service: unknown;
  project: Record<string, string>;
  expected: Record<string, string | null>;
}

describe('resolveServiceEnvironment', () => {
  it.each<ResolveCase>([
    {
      name: 'environment wins over env_file; interpolation prefers the project, then environment, then the files (TestProject_WithServicesEnvironmentResolved: base)',
      service: {
        environment: { FOO: 'foo_from_environment', BAR: 'bar_from_environment', QIX: null },
        env_file: [envFile('/p/base.env')],
      },
      project: { FOO: 'FOO_from_os.env', QIX: 'QIX_from_os.env' },
      expected: {
        FOO: 'foo_from_environment',
        BAR: 'bar_from_environment',
        QIX: 'QIX_from_os.env',
        ZOT: 'zot_from_base.env',
        INTERPOLATED_FOO: 'FOO_from_os.env',
        INTERPOLATED_BAR: 'bar_from_environment',
        INTERPOLATED_ZOT: 'zot_from_base.env',
      },
    },
    {
      name: 'later env files override earlier ones (TestProject_WithServicesEnvironmentResolved: override)',
      service: {
        environment: { FOO: 'foo_from_environment' },
        env_file: [envFile('/p/base.env'), envFile('/p/override.env')],
      },
      project: { FOO: 'FOO_from_os.env', QIX: 'QIX_from_os.env' },
      expected: {
        FOO: 'foo_from_environment',
        BAR: 'bar_from_override.env',
        ZOT: 'zot_from_base.env',
        INTERPOLATED_FOO: 'FOO_from_os.env',
        INTERPOLATED_BAR: 'bar_from_override.env',
        INTERPOLATED_ZOT: 'zot_from_base.env',
      },
    },
    {
      name: 'map form: numbers as strings, FOO: null from the project or kept null (TestLoadWithEnvironment)',
      service: { environment: { FOO: '1', BAR: '2', GA: '2.5', BU: '', ZO: null, MEU: null } },
      project: { MEU: 'Shadoks' },
      expected: { FOO: '1', BAR: '2', GA: '2.5', BU: '', ZO: null, MEU: 'Shadoks' },
    },
    {
      name: 'list form, not yet normalised (TestEnvironmentList)',
      service: { environment: ['FOO=1', 'BAR=2', 'BU=', 'ZO', 'MEU', 'EQ=a=b'] },
      project: { MEU: 'Shadoks' },
      expected: { FOO: '1', BAR: '2', BU: '', ZO: null, MEU: 'Shadoks', EQ: 'a=b' },
    },
    {
      name: 'booleans and numbers become strings (TestEnvironmentBoolean)',
      service: { environment: { FOO: true, BAR: false, N: 2.5 } },
      project: {},
      expected: { FOO: 'true', BAR: 'false', N: '2.5' },
    },
    {
      name: 'a later file overrides, a missing optional one is skipped (TestDiscardEnvFileOption)',
      service: {
        env_file: [
          envFile('/p/example1.env'),
          envFile('/p/example2.env', false),
          envFile('/p/nope.env', false),
        ],
      },
      project: {},
      expected: {
        FOO: 'foo_from_env_file',
        BAZ: 'baz_from_env_file',
        BAR: 'bar_from_env_file_2',
        QUX: 'quz_from_env_file_2',
        'ENV.WITH.DOT': 'ok',
        ENV_WITH_UNDERSCORE: 'ok',
      },
    },
    {
      name: 'a required: false file that is missing leaves nothing (TestEnvFileString)',
      service: { env_file: [envFile('/p/.env', false)] },
      project: {},
      expected: {},
    },
    {
      name: 'the env file uses the project environment (TestLoadServiceWithEnvFile)',
      service: { env_file: [envFile('/p/hallo.env')] },
      project: { TEST: 'YES' },
      expected: { HALLO: 'YES' },
    },
    {
      name: 'single env file (TestProjectWithDiscardEnvFile)',
      service: { env_file: [envFile('/p/simple-env')] },
      project: {},
      expected: { DEFAULT_PORT: '8080' },
    },
    {
      name: 'two env files (TestProjectWithMultipleEnvFile)',
      service: { env_file: [envFile('/p/simple-env'), envFile('/p/second-env')] },
      project: {},
      expected: { DEFAULT_PORT: '9090' },
    },
    {
      name: 'format raw keeps quotes and $ (TestRawEnvFile)',
      service: { env_file: [envFile('/p/.env.raw', true, 'raw')] },
      project: { HOME: '/root' },
      expected: { TEST_VAR: '\'{"key": "value"}\'', DOLLAR: '$HOME' },
    },
    {
      name: 'a relative path starts at the working directory (TestRunEnvFile)',
      service: { env_file: [envFile('test.env')] },
      project: {},
      expected: { FOO: 'BAR' },
    },
    {
      name: 'short syntax still accepted',
      service: { env_file: 'test.env' },
      project: {},
      expected: { FOO: 'BAR' },
    },
    {
      name: 'environment beats env_file (TestEnvPriorityComposeEnvironment)',
      service: { environment: { WHEREAMI: 'Compose File' }, env_file: [envFile('/p/test.env')] },
      project: { WHEREAMI: 'shell' },
      expected: { WHEREAMI: 'Compose File', FOO: 'BAR' },
    },
    {
      name: 'an unresolved FOO in environment overrides the env file with null',
      service: { environment: { FOO: null }, env_file: [envFile('/p/test.env')] },
      project: {},
      expected: { FOO: null },
    },
    {
      name: 'a bare key in an env file takes the project value, then the environment one, or is left out',
      service: { environment: { FROM_SERVICE: 'svc' }, env_file: [envFile('/p/bare.env')] },
      project: { FROM_PROJECT: 'proj' },
      expected: { FROM_SERVICE: 'svc', FROM_PROJECT: 'proj' },
    },
    {
      name: 'format .env is the default dialect',
      service: { env_file: [envFile('/p/hallo.env', true, '.env')] },
      project: { TEST: 'x' },
      expected: { HALLO: 'x' },
    },
    { name: 'nothing at all', service: {}, project: {}, expected: {} },
  ])('$name', ({ service, project, expected }) => {
    const resolved = resolveServiceEnvironment(service as ServiceConfig, context(project));
    expect(resolved.environment).toStrictEqual(expected);
  });

  it('reports unset variables in env files', () => {
    const resolved = resolveServiceEnvironment({ env_file: [envFile('/p/hallo.env')] }, context());
    expect(resolved.warnings).toStrictEqual([
      'The "TEST" variable is not set. Defaulting to a blank string.',
    ]);
    expect(resolved.environment).toStrictEqual({ HALLO: '' });
  });
});

describe('resolveServiceEnvironment: errors', () => {
  const source: SourceNode = {
    position: { file: '/p/compose.yaml', line: 1, column: 1 },
    children: new Map([
      [
        'services',
        {
          position: { file: '/p/compose.yaml', line: 2, column: 3 },
          children: new Map([
            [
              'web',
              {
                position: { file: '/p/compose.yaml', line: 3, column: 5 },
                children: new Map([
                  [
                    'env_file',
                    {
                      position: { file: '/p/compose.yaml', line: 5, column: 7 },
                      children: new Map([
                        ['0', { position: { file: '/p/compose.yaml', line: 5, column: 9 } }],
                      ]),
                    },
                  ],
                ]),
              },
            ],
          ]),
        },
      ],
    ]),
  };

  function failure(service: ServiceConfig, extra: Partial<ServiceEnvironmentContext> = {}): ComposeFileError {
    try {
      resolveServiceEnvironment(service, { ...context(), ...extra });
    } catch (error) {
      if (error instanceof ComposeFileError) return error;
      throw error;
    }
    throw new Error('expected an error');
  }

  it.each([
    {
      name: 'a missing required file (TestUnusedMissingEnvFile)',
      service: { env_file: [envFile('/doesnotexist/.env')] },
      message: 'env file /doesnotexist/.env not found',
      path: ['services', 'web', 'env_file', 0],
      at: ['/p/compose.yaml', 5, 9],
    },
    {
      name: 'a missing file named in short syntax is required (TestWithSelectedServicesOption_SkipsMissingEnvFile)',
      service: { env_file: 'this-file-does-not-exist.env' },
      message: 'env file /p/this-file-does-not-exist.env not found',
      path: ['services', 'web', 'env_file', 0],
      at: ['/p/compose.yaml', 5, 9],
    },
    {
      name: 'an unknown format',
      service: { env_file: [envFile('/p/test.env', true, 'toml')] },
      message: 'unsupported env_file format "toml"',
      path: ['services', 'web', 'env_file', 0, 'format'],
      at: ['/p/compose.yaml', 5, 9],
    },
    {
      name: 'a directory',
      service: { env_file: [envFile('/p/dir')] },
      message: 'read /p/dir: is a directory',
      path: ['services', 'web', 'env_file', 0],
      at: ['/p/compose.yaml', 5, 9],
    },
  ])('$name', ({ service, message, path, at }) => {
    const error = failure(service as ServiceConfig, { source });
    expect(error.detail).toContain(message);
    expect(error.path).toStrictEqual(path);
    expect([error.file, error.line, error.column]).toStrictEqual(at);
  });

  it('points a syntax error at the env file line', () => {
    const fs = memoryFileSystem({ '/p/bad.env': 'OK=1\nNOT OK=2\n' });
    const error = failure({ env_file: [envFile('/p/bad.env')] }, { fs });
    expect([error.file, error.line, error.column, error.detail]).toStrictEqual([
      '/p/bad.env',
      2,
      1,
      'key cannot contain a space',
    ]);
  });

  it('fails on a required variable missing in an env file', () => {
    const fs = memoryFileSystem({ '/p/req.env': 'A=${NEEDED:?set it}' });
    expect(failure({ env_file: [envFile('/p/req.env')] }, { fs }).message).toContain(
      'required variable NEEDED is missing a value: set it',
    );
  });
});

describe('applyServiceEnvironment', () => {
  it('drops env_file once resolved, as docker compose config prints it (WithDiscardEnvFile)', () => {
    const service: ServiceConfig = {
      image: 'nginx',
      env_file: [envFile('/p/simple-env')],
      environment: { A: '1' },
    };
    const applied = applyServiceEnvironment(service, context());
    expect(applied.service).toStrictEqual({ image: 'nginx', environment: { DEFAULT_PORT: '8080', A: '1' } });
    expect(service.env_file).toHaveLength(1);
  });
});
