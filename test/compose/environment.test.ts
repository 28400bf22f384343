// Ports the environment parts of compose-go's cli/options_test.go (TestEnvVariablePrecedence,
// TestProjectName "by .env" / "by COMPOSE_PROJECT_NAME", TestProjectWithDotEnv,
// TestProjectWithMultipleEnvFile), dotenv/godotenv_test.go's file-level cases (TestMultipleFiles,
// TestLoadDoesNotOverride, TestErrorReadDirectory, TestGetEnvFromFile), and docker/compose's e2e
// scenarios on env files (compose_environment_test.go TestEnvPriority, compose_test.go
// TestNestedDotEnv, TestComposeFileSetByDotEnv, TestComposeFileSetByEnvFile).
import { describe, expect, it } from 'vitest';
import {
  addProjectDirectoryDotenv,
  buildProjectEnvironment,
  readComposeSettings,
  readEnvFilesForInclude,
  type ProjectEnvironmentInput,
} from '../../src/compose/environment.js';
import { memoryFileSystem } from '../../src/compose/file-system.js';

const CWD = '/project';

interface PrecedenceCase {
  name: string;
  files: Record<string, string>;
  env: Record<string, string>;
  envFiles: string[] | undefined;
  expected: Record<string, string>;
}

interface ErrorCase extends Omit<PrecedenceCase, 'expected'> {
  error: string;
}

function build(
  files: Record<string, string>,
  input: Partial<Omit<ProjectEnvironmentInput, 'fs'>> = {},
): ReturnType<typeof buildProjectEnvironment> {
  return buildProjectEnvironment({
    processEnvironment: { PWD: CWD },
    workingDir: CWD,
    directory: CWD,
    ...input,
    fs: memoryFileSystem(files),
  });
}

describe('buildProjectEnvironment: precedence', () => {
  it.each<PrecedenceCase>([
    {
      name: '.env values may use earlier ones (TestEnvVariablePrecedence: no value set in environment)',
      files: { '/project/.env': 'FOO=foo\nBAR=${FOO}' },
      env: {},
      envFiles: undefined,
      expected: { FOO: 'foo', BAR: 'foo' },
    },
    {
      name: 'the process environment wins, inside .env too (TestEnvVariablePrecedence: conflict)',
      files: { '/project/.env': 'FOO=foo\nBAR=${FOO}' },
      env: { FOO: 'zot' },
      envFiles: undefined,
      expected: { FOO: 'zot', BAR: 'zot' },
    },
    {
      name: 'an empty process value still wins (TestLoadDoesNotOverride)',
      files: { '/project/.env': 'OPTION_A=1\nOPTION_B=2\nOPTION_C=3' },
      env: { OPTION_A: 'do_not_override', OPTION_B: '' },
      envFiles: undefined,
      expected: { OPTION_A: 'do_not_override', OPTION_B: '', OPTION_C: '3' },
    },
    {
      name: '.env in the project directory sets a variable (TestProjectWithDotEnv)',
      files: { '/project/.env': 'PUBLIC_PORT=8000\n' },
      env: {},
      envFiles: undefined,
      expected: { PUBLIC_PORT: '8000' },
    },
    {
      name: 'later --env-file wins (TestProjectWithMultipleEnvFile)',
      files: {
        '/project/.env':
          'COMPOSE_FILE=compose-with-env-file.yaml\nCOMPOSE_PROJECT_NAME=my_project_from_dot_env\nPORT=8000\n',
        '/project/override.env': 'PORT=9000\n',
      },
      env: {},
      envFiles: ['/project/.env', '/project/override.env'],
      expected: {
        PORT: '9000',
        COMPOSE_FILE: 'compose-with-env-file.yaml',
        COMPOSE_PROJECT_NAME: 'my_project_from_dot_env',
      },
    },
    {
      name: 'later files see earlier ones and the process environment wins (TestMultipleFiles)',
      files: {
        '/tmp/base.env': '\nENV_HOSTNAME=localhost\nENV_MY_URL="http://${ENV_HOSTNAME}"\n',
        '/tmp/override.env': '\nENV_HOSTNAME=dev.my-company.com\nENV_MY_URL="http://${ENV_HOSTNAME}"\n',
      },
      env: {},
      envFiles: ['/tmp/base.env', '/tmp/override.env'],
      expected: { ENV_HOSTNAME: 'dev.my-company.com', ENV_MY_URL: 'http://dev.my-company.com' },
    },
    {
      name: 'a process value feeds the files but the files do not override it (TestMultipleFiles, osEnv)',
      files: {
        '/tmp/base.env': 'ENV_HOSTNAME=localhost\nENV_MY_URL="http://${ENV_HOSTNAME}"\n',
        '/tmp/override.env': 'ENV_HOSTNAME=dev.my-company.com\nENV_MY_URL="http://${ENV_HOSTNAME}"\n',
      },
      env: { ENV_HOSTNAME: 'host.local' },
      envFiles: ['/tmp/base.env', '/tmp/override.env'],
      expected: { ENV_HOSTNAME: 'host.local', ENV_MY_URL: 'http://host.local' },
    },
    {
      name: '--env-file replaces .env (TestEnvPriority: override env file)',
      files: {
        '/project/.env': 'WHEREAMI=Env File\nONLY_DOTENV=1',
        '/project/.env.override': 'WHEREAMI=override',
      },
      env: {},
      envFiles: ['/project/.env.override'],
      expected: { WHEREAMI: 'override' },
    },
    {
      name: 'the shell wins over --env-file (TestEnvPriority: shell)',
      files: { '/project/.env.override': 'WHEREAMI=override' },
      env: { WHEREAMI: 'shell' },
      envFiles: ['/project/.env.override'],
      expected: { WHEREAMI: 'shell' },
    },
    {
      name: 'an env file default applies when the shell has none (TestEnvPriority: default value)',
      files: { '/project/.env.override.with.default': 'WHEREAMI=${WHEREAMI:-EnvFileDefaultValue}' },
      env: {},
      envFiles: ['/project/.env.override.with.default'],
      expected: { WHEREAMI: 'EnvFileDefaultValue' },
    },
    {
      name: 'COMPOSE_ENV_FILES names the env files (TestEnvPriority)',
      files: {
        '/project/.env': 'WHEREAMI=Env File',
        '/project/.env.override.with.default': 'WHEREAMI=${WHEREAMI:-EnvFileDefaultValue}',
      },
      env: { COMPOSE_ENV_FILES: '/project/.env.override.with.default' },
      envFiles: undefined,
      expected: { WHEREAMI: 'EnvFileDefaultValue' },
    },
    {
      name: 'COMPOSE_ENV_FILES: comma separated, relative to the working directory, empty entries skipped',
      files: { '/project/a.env': 'A=a\nX=a', '/project/b.env': 'B=b\nX=b', '/project/.env': 'DOT=1' },
      env: { COMPOSE_ENV_FILES: 'a.env,,b.env' },
      envFiles: undefined,
      expected: { A: 'a', B: 'b', X: 'b' },
    },
    {
      name: '--env-file wins over COMPOSE_ENV_FILES',
      files: { '/project/a.env': 'X=a', '/project/b.env': 'X=b' },
      env: { COMPOSE_ENV_FILES: '/project/a.env' },
      envFiles: ['/project/b.env'],
      expected: { X: 'b' },
    },
    {
      name: 'a relative --env-file starts at the working directory, ~ at HOME',
      files: { '/project/sub/x.env': 'X=1', '/home/me/y.env': 'Y=2' },
      env: { HOME: '/home/me' },
      envFiles: ['sub/x.env', '~/y.env'],
      expected: { X: '1', Y: '2' },
    },
    {
      name: 'an empty --env-file leaves everything unset (TestEnvPriority: empty env file)',
      files: { '/project/.env': 'WHEREAMI=Env File', '/project/.env.empty': '' },
      env: {},
      envFiles: ['/project/.env.empty'],
      expected: {},
    },
    {
      name: 'COMPOSE_DISABLE_ENV_FILE skips .env',
      files: { '/project/.env': 'FOO=1' },
      env: { COMPOSE_DISABLE_ENV_FILE: 'true' },
      envFiles: undefined,
      expected: {},
    },
    {
      name: 'COMPOSE_DISABLE_ENV_FILE=0 keeps .env',
      files: { '/project/.env': 'FOO=1' },
      env: { COMPOSE_DISABLE_ENV_FILE: '0' },
      envFiles: undefined,
      expected: { FOO: '1' },
    },
    {
      name: 'COMPOSE_DISABLE_ENV_FILE does not apply to --env-file',
      files: { '/project/x.env': 'FOO=1' },
      env: { COMPOSE_DISABLE_ENV_FILE: '1' },
      envFiles: ['/project/x.env'],
      expected: { FOO: '1' },
    },
    {
      name: 'COMPOSE_DISABLE_ENV_FILE set by .env itself leaves only its COMPOSE_* variables',
      files: { '/project/.env': 'COMPOSE_DISABLE_ENV_FILE=true\nCOMPOSE_PROJECT_NAME=demo\nFOO=1' },
      env: {},
      envFiles: undefined,
      expected: { COMPOSE_DISABLE_ENV_FILE: 'true', COMPOSE_PROJECT_NAME: 'demo' },
    },
    {
      name: 'a missing .env is no error',
      files: {},
      env: { A: '1' },
      envFiles: undefined,
      expected: { A: '1' },
    },
    {
      name: 'a directory named .env is skipped',
      files: { '/project/.env/inner': 'X=1' },
      env: {},
      envFiles: undefined,
      expected: {},
    },
    {
      name: 'a bare KEY in .env takes the process value, or is left out',
      files: { '/project/.env': 'FROM_SHELL\nMISSING\nA=1\n' },
      env: { FROM_SHELL: 'shell' },
      envFiles: undefined,
      expected: { FROM_SHELL: 'shell', A: '1' },
    },
  ])('$name', ({ files, env, envFiles, expected }) => {
    const result = build(files, { processEnvironment: { PWD: CWD, ...env }, envFiles });
    expect(result.variables).toStrictEqual({ PWD: CWD, ...env, ...expected });
  });

  it('adds PWD when the process environment lacks it', () => {
    const result = build({}, { processEnvironment: { A: undefined, B: '1' }, workingDir: '/work' });
    expect(result.variables).toStrictEqual({ B: '1', PWD: '/work' });
  });

  it('records the files read and the named env files', () => {
    const dotenv = build({ '/project/.env': 'A=1' });
    expect([dotenv.filesRead, dotenv.envFiles]).toStrictEqual([['/project/.env'], []]);
    const named = build({ '/project/a.env': 'A=1' }, { envFiles: ['/project/a.env'] });
    expect([named.filesRead, named.envFiles]).toStrictEqual([['/project/a.env'], ['/project/a.env']]);
  });

  it('reports unset variables met in env files', () => {
    const result = build({ '/project/.env': 'A=$NOPE' });
    expect(result.warnings).toStrictEqual(['The "NOPE" variable is not set. Defaulting to a blank string.']);
  });
});

describe('buildProjectEnvironment: errors', () => {
  it.each<ErrorCase>([
    {
      name: 'a missing --env-file',
      files: {},
      env: {},
      envFiles: ['/project/nope.env'],
      error: "couldn't find env file: /project/nope.env",
    },
    {
      name: 'a missing COMPOSE_ENV_FILES entry',
      files: {},
      env: { COMPOSE_ENV_FILES: 'nope.env' },
      envFiles: undefined,
      error: "couldn't find env file: /project/nope.env",
    },
    {
      name: 'an --env-file that is a directory (TestGetEnvFromFile, TestErrorReadDirectory)',
      files: { '/project/dir/x': '' },
      env: {},
      envFiles: ['/project/dir'],
      error: '/project/dir is a directory',
    },
    {
      name: 'a COMPOSE_DISABLE_ENV_FILE that is no boolean',
      files: {},
      env: { COMPOSE_DISABLE_ENV_FILE: 'yes' },
      envFiles: undefined,
      error: 'strconv.ParseBool: parsing "yes": invalid syntax',
    },
    {
      name: 'a syntax error in .env names the file and line',
      files: { '/project/.env': 'A=1\nB C=2\n' },
      env: {},
      envFiles: undefined,
      error: '/project/.env:2:1: key cannot contain a space',
    },
  ])('$name', ({ files, env, envFiles, error }) => {
    expect(() => build(files, { processEnvironment: env, envFiles })).toThrow(error);
  });
});

describe('addProjectDirectoryDotenv: the second .env read', () => {
  it('adds what the project directory .env sets and the first .env did not (TestNestedDotEnv)', () => {
    const fs = memoryFileSystem({
      '/nested/.env': 'ROOT=root\nWIN=root',
      '/nested/compose.yaml': 'services: {}',
      '/nested/sub/.env': 'SUB=sub\nWIN=sub',
    });
    const first = buildProjectEnvironment({
      processEnvironment: {},
      workingDir: '/nested/sub',
      directory: '/nested/sub',
      fs,
    });
    const second = addProjectDirectoryDotenv(first, '/nested', fs);
    expect(second.variables).toStrictEqual({ PWD: '/nested/sub', ROOT: 'root', SUB: 'sub', WIN: 'sub' });
    expect(second.filesRead).toStrictEqual(['/nested/sub/.env', '/nested/.env']);
  });

  it('reads the project .env with what the first one set in scope (TestComposeFileSetByDotEnv)', () => {
    const fs = memoryFileSystem({
      '/dotenv/.env':
        'COMPOSE_FILE="${COMPOSE_FILE:-development/compose.yaml}"\nIMAGE_NAME=test\nCOMPOSE_PROFILES=test',
      '/dotenv/development/.env': 'IMAGE_NAME="${IMAGE_NAME:-backend}"\nIMAGE_TAG="${IMAGE_TAG:-latest}"\n',
    });
    const first = buildProjectEnvironment({
      processEnvironment: {},
      workingDir: '/dotenv',
      directory: '/dotenv',
      fs,
    });
    const settings = readComposeSettings(first.variables);
    expect(settings).toStrictEqual({ composeFiles: ['development/compose.yaml'], profiles: ['test'] });
    const second = addProjectDirectoryDotenv(first, '/dotenv/development', fs);
    expect(second.variables).toMatchObject({ IMAGE_NAME: 'test', IMAGE_TAG: 'latest' });
  });

  it('reads the .env of --project-directory alone (TestComposeFileSetByProjectDirectory)', () => {
    const fs = memoryFileSystem({
      '/dotenv/.env': 'IMAGE_NAME=test',
      '/dotenv/development/.env': 'IMAGE_NAME="${IMAGE_NAME:-backend}"\nIMAGE_TAG="${IMAGE_TAG:-latest}"\n',
    });
    const input = { processEnvironment: {}, workingDir: '/dotenv', directory: '/dotenv/development', fs };
    const result = addProjectDirectoryDotenv(buildProjectEnvironment(input), '/dotenv/development', fs);
    expect(result.variables).toMatchObject({ IMAGE_NAME: 'backend', IMAGE_TAG: 'latest' });
    expect(result.filesRead).toStrictEqual(['/dotenv/development/.env']);
  });

  it('does nothing when env files were named (TestComposeFileSetByEnvFile)', () => {
    const fs = memoryFileSystem({
      '/tmp/x.env':
        'COMPOSE_FILE=fixtures/dotenv/development/compose.yaml\nIMAGE_NAME=test\nIMAGE_TAG=latest\nCOMPOSE_PROFILES=test\n',
      '/project/fixtures/dotenv/development/.env': 'IMAGE_NAME=backend\nOTHER=1',
    });
    const first = buildProjectEnvironment({
      processEnvironment: {},
      workingDir: '/project',
      directory: '/project',
      envFiles: ['/tmp/x.env'],
      fs,
    });
    expect(addProjectDirectoryDotenv(first, '/project/fixtures/dotenv/development', fs)).toBe(first);
    expect(readComposeSettings(first.variables)).toStrictEqual({
      composeFiles: ['fixtures/dotenv/development/compose.yaml'],
      profiles: ['test'],
    });
  });

  it('respects COMPOSE_DISABLE_ENV_FILE', () => {
    const fs = memoryFileSystem({ '/p/.env': 'A=1' });
    const first = buildProjectEnvironment({
      processEnvironment: { COMPOSE_DISABLE_ENV_FILE: 'true' },
      workingDir: '/',
      directory: '/',
      fs,
    });
    expect(addProjectDirectoryDotenv(first, '/p', fs).variables).not.toHaveProperty('A');
  });
});

describe('readComposeSettings', () => {
  it.each<{ name: string; env: Record<string, string>; expected: object }>([
    { name: 'nothing set', env: {}, expected: { profiles: [] } },
    {
      name: 'COMPOSE_FILE and COMPOSE_PROJECT_NAME from .env (TestProjectName: by .env)',
      env: { COMPOSE_FILE: 'compose-with-env-file.yaml', COMPOSE_PROJECT_NAME: 'my_project_from_dot_env' },
      expected: {
        composeFiles: ['compose-with-env-file.yaml'],
        projectName: 'my_project_from_dot_env',
        profiles: [],
      },
    },
    {
      name: 'COMPOSE_FILE split on ":"',
      env: { COMPOSE_FILE: 'a.yaml:b/c.yaml' },
      expected: { composeFiles: ['a.yaml', 'b/c.yaml'], profiles: [] },
    },
    {
      name: 'COMPOSE_FILE split on COMPOSE_PATH_SEPARATOR',
      env: { COMPOSE_FILE: 'a.yaml;b.yaml', COMPOSE_PATH_SEPARATOR: ';' },
      expected: { composeFiles: ['a.yaml', 'b.yaml'], profiles: [] },
    },
    {
      name: 'an empty COMPOSE_PATH_SEPARATOR means ":"',
      env: { COMPOSE_FILE: 'a.yaml:b.yaml', COMPOSE_PATH_SEPARATOR: '' },
      expected: { composeFiles: ['a.yaml', 'b.yaml'], profiles: [] },
    },
    {
      name: 'an empty COMPOSE_PROJECT_NAME is no name',
      env: { COMPOSE_PROJECT_NAME: '' },
      expected: { profiles: [] },
    },
    {
      name: 'COMPOSE_PROFILES comma separated and trimmed',
      env: { COMPOSE_PROFILES: 'debug, test ,,tools' },
      expected: { profiles: ['debug', 'test', 'tools'] },
    },
    {
      name: 'COMPOSE_PROJECT_NAME from the process (TestProjectName: by COMPOSE_PROJECT_NAME)',
      env: { COMPOSE_PROJECT_NAME: 'my_project_from_env' },
      expected: { projectName: 'my_project_from_env', profiles: [] },
    },
  ])('$name', ({ env, expected }) => {
    expect(readComposeSettings(env)).toStrictEqual(expected);
  });
});

describe('readEnvFilesForInclude', () => {
  it('reads the files in order over the given environment', () => {
    const fs = memoryFileSystem({ '/p/a.env': 'A=1\nB=${OUTER}', '/p/b.env': 'A=2\nC=${A}' });
    expect(readEnvFilesForInclude(['/p/a.env', '/p/b.env'], { OUTER: 'o' }, fs)).toStrictEqual({
      A: '2',
      B: 'o',
      C: '2',
    });
  });

  it('fails on a missing file', () => {
    expect(() => readEnvFilesForInclude(['/p/nope.env'], {}, memoryFileSystem({}))).toThrow(
      "couldn't find env file: /p/nope.env",
    );
  });
});
