// Ports compose-go's project name tests: cli/options_test.go TestProjectName and
// TestProjectNameFromWorkingDir, loader/loader_test.go TestLoadProjectName and
// TestProjectNameInterpolation, and the NormalizeProjectName rule in loader/loader.go.
import { describe, expect, it } from 'vitest';
import { ComposeFileError } from '../../src/compose/errors.js';
import {
  chooseProjectName,
  normalizeProjectName,
  type ProjectNameInputs,
} from '../../src/compose/project-name.js';

const SIMPLE = '/work/cli/testdata/simple';

/** A stand-in for the loader's interpolation: `${VAR}` from a fixed environment. */
function interpolateWith(environment: Record<string, string>): (text: string) => string {
  return (text) => text.replace(/\$\{(\w+)\}/g, (_, name: string) => environment[name] ?? '');
}

const base: ProjectNameInputs = { environment: {}, namesInFiles: [], projectDirectory: SIMPLE };

describe('chooseProjectName', () => {
  it.each<{ name: string; inputs: Partial<ProjectNameInputs>; expected: string; source: string }>([
    { name: 'by name', inputs: { flag: 'my_project' }, expected: 'my_project', source: 'flag' },
    {
      name: 'by name start with number',
      inputs: { flag: '42my_project_num' },
      expected: '42my_project_num',
      source: 'flag',
    },
    {
      name: 'by COMPOSE_PROJECT_NAME starting with a number',
      inputs: { environment: { COMPOSE_PROJECT_NAME: '42my_project_env' } },
      expected: '42my_project_env',
      source: 'environment',
    },
    {
      name: 'by name empty: the compose file folder',
      inputs: { flag: '' },
      expected: 'simple',
      source: 'directory',
    },
    {
      name: 'by name empty working dir',
      inputs: { flag: '', projectDirectory: '/path/to/proj' },
      expected: 'proj',
      source: 'directory',
    },
    {
      name: 'by working dir',
      inputs: { projectDirectory: '/work/cli' },
      expected: 'cli',
      source: 'directory',
    },
    {
      name: 'a trailing slash on the directory',
      inputs: { projectDirectory: '/work/cli/' },
      expected: 'cli',
      source: 'directory',
    },
    {
      name: 'by compose file parent dir special',
      inputs: { projectDirectory: '/work/cli/testdata/UNNORMALIZED PATH' },
      expected: 'unnormalizedpath',
      source: 'directory',
    },
    {
      name: 'TestProjectNameFromWorkingDir',
      inputs: { projectDirectory: '/work/cli/testdata/env-file' },
      expected: 'env-file',
      source: 'directory',
    },
    {
      name: 'by COMPOSE_PROJECT_NAME',
      inputs: { environment: { COMPOSE_PROJECT_NAME: 'my_project_from_env' } },
      expected: 'my_project_from_env',
      source: 'environment',
    },
    {
      name: 'an empty COMPOSE_PROJECT_NAME is unset',
      inputs: { environment: { COMPOSE_PROJECT_NAME: '' } },
      expected: 'simple',
      source: 'directory',
    },
    {
      name: 'by name in compose.yaml with variable',
      inputs: { namesInFiles: ['test-${TEST}-test'], interpolate: interpolateWith({ TEST: 'expected' }) },
      expected: 'test-expected-test',
      source: 'file',
    },
    {
      name: 'project name simple interpolation: the file names the project',
      inputs: { namesInFiles: ['interpolated'] },
      expected: 'interpolated',
      source: 'file',
    },
    {
      name: 'project name interpolation with override: the last file that names it wins',
      inputs: { namesInFiles: ['interpolated', 'overrided', undefined] },
      expected: 'overrided',
      source: 'file',
    },
    {
      name: 'project name override: -p wins over the file',
      inputs: { flag: 'interpolated', namesInFiles: ['another_name'] },
      expected: 'interpolated',
      source: 'flag',
    },
    {
      name: 'COMPOSE_PROJECT_NAME wins over the file',
      inputs: { environment: { COMPOSE_PROJECT_NAME: 'from-env' }, namesInFiles: ['from-file'] },
      expected: 'from-env',
      source: 'environment',
    },
    {
      name: '-p wins over COMPOSE_PROJECT_NAME, even an invalid one',
      inputs: { flag: 'cli', environment: { COMPOSE_PROJECT_NAME: 'NOT VALID' } },
      expected: 'cli',
      source: 'flag',
    },
    {
      name: 'a name in a file is normalised, not refused',
      inputs: { namesInFiles: ['My App.v2'] },
      expected: 'myappv2',
      source: 'file',
    },
    {
      name: '--no-normalize keeps the written name',
      inputs: { namesInFiles: ['My_App'], normalize: false },
      expected: 'My_App',
      source: 'file',
    },
    {
      name: '--no-interpolate normalises the expression itself',
      inputs: { namesInFiles: ['${NAME}'] },
      expected: 'name',
      source: 'file',
    },
    {
      name: 'an empty name in a file is no name',
      inputs: { namesInFiles: ['', undefined] },
      expected: 'simple',
      source: 'directory',
    },
  ])('$name', ({ inputs, expected, source }) => {
    expect(chooseProjectName({ ...base, ...inputs })).toEqual({ name: expected, source });
  });

  it.each<{ name: string; inputs: Partial<ProjectNameInputs>; message: string }>([
    {
      name: 'by name must not come from root directory',
      inputs: { projectDirectory: '/' },
      message: 'project name must not be empty',
    },
    {
      name: 'a directory with nothing to keep',
      inputs: { projectDirectory: '/work/__' },
      message: 'project name must not be empty',
    },
    {
      name: 'a file name that interpolates to nothing does not fall back to the directory',
      inputs: { namesInFiles: ['${UNSET}'], interpolate: interpolateWith({}) },
      message: 'project name must not be empty',
    },
    ...['-my_project', '_my_project', 'www.my.project', 'MY_PROJECT', 'my project'].flatMap((name) => [
      {
        name: `by name ${JSON.stringify(name)}`,
        inputs: { flag: name },
        message: `invalid project name ${JSON.stringify(name)}`,
      },
      {
        name: `by COMPOSE_PROJECT_NAME ${JSON.stringify(name)}`,
        inputs: { environment: { COMPOSE_PROJECT_NAME: name } },
        message: `invalid project name ${JSON.stringify(name)}`,
      },
    ]),
  ])('$name is an error', ({ inputs, message }) => {
    expect(() => chooseProjectName({ ...base, ...inputs })).toThrow(ComposeFileError);
    expect(() => chooseProjectName({ ...base, ...inputs })).toThrow(message);
  });

  it("gives compose-go's full message for an invalid name", () => {
    expect(() => chooseProjectName({ ...base, flag: 'Demo' })).toThrow(
      'invalid project name "Demo": must consist only of lowercase alphanumeric characters, hyphens, ' +
        'and underscores as well as start with a letter or number',
    );
  });

  it('lets an interpolation error through', () => {
    const failing = (): string => {
      throw new ComposeFileError({ message: 'required variable NAME is missing a value' });
    };
    expect(() => chooseProjectName({ ...base, namesInFiles: ['${NAME:?}'], interpolate: failing })).toThrow(
      'required variable NAME is missing a value',
    );
  });
});

describe('normalizeProjectName', () => {
  it.each([
    ['simple', 'simple'],
    ['UNNORMALIZED PATH', 'unnormalizedpath'],
    ['My.Project', 'myproject'],
    ['_-leading', 'leading'],
    ['-_-', ''],
    ['42_num-ok', '42_num-ok'],
    ['café', 'caf'],
    ['', ''],
  ])('%j becomes %j', (name, expected) => {
    expect(normalizeProjectName(name)).toBe(expected);
  });
});
