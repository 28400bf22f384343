// Ports compose-go interpolation/interpolation_test.go (every case) and the interpolation half of
// loader/loader_test.go (TestLoadWithInterpolationCastFull, TestInterpolateInt,
// TestLoadWithEnvironmentInterpolation), then adds positions, warnings and Go's number syntax.
import { describe, expect, it } from 'vitest';
import { ComposeFileError } from '../../src/compose/errors.js';
import { castForPath, interpolateDocument } from '../../src/compose/interpolate.js';
import type { LocatedTree } from '../../src/compose/located-tree.js';
import { parseComposeYaml } from '../../src/compose/parse.js';
import type { VariableLookup } from '../../src/compose/template.js';

const position = { file: 'compose.yaml', line: 1, column: 1 };

function fromTree(tree: Record<string, unknown>): LocatedTree {
  return { tree, source: { position } };
}

function fromYaml(text: string): LocatedTree {
  const [document] = parseComposeYaml('compose.yaml', text);
  return { tree: document!.tree as Record<string, unknown>, source: document!.source };
}

function lookupIn(environment: Record<string, string>): VariableLookup {
  return (name) => (Object.hasOwn(environment, name) ? environment[name] : undefined);
}

function interpolationError(doc: LocatedTree, lookup: VariableLookup): ComposeFileError {
  try {
    interpolateDocument(doc, lookup);
  } catch (error) {
    if (error instanceof ComposeFileError) return error;
    throw error;
  }
  throw new Error('expected a ComposeFileError');
}

const defaults = lookupIn({ USER: 'jenny', FOO: 'bar', count: '5', REQUIRED: 'true' });
const empty = lookupIn({});

describe('interpolateDocument (interpolation_test.go)', () => {
  it('TestInterpolate: substitutes strings at every depth', () => {
    const doc = fromTree({
      servicea: {
        image: 'example:${USER}',
        volumes: ['$FOO:/target'],
        logging: { driver: '${FOO}', options: { user: '$USER' } },
      },
    });
    expect(interpolateDocument(doc, defaults).tree).toEqual({
      servicea: {
        image: 'example:jenny',
        volumes: ['bar:/target'],
        logging: { driver: 'bar', options: { user: 'jenny' } },
      },
    });
  });

  it('TestInvalidInterpolation: names the field and the template', () => {
    const error = interpolationError(fromTree({ servicea: { image: '${' } }), defaults);
    expect(error.path).toEqual(['servicea', 'image']);
    expect(error.detail).toBe(
      'invalid interpolation format "${". You may need to escape any $ with another $.',
    );
    expect(error.message).toContain('servicea.image: invalid interpolation format');
  });

  it('TestInterpolateWithDefaults: uses the lookup it is given', () => {
    const doc = fromTree({ networks: { foo: 'thing_${FOO}' } });
    expect(interpolateDocument(doc, lookupIn({ FOO: 'BARZ' })).tree).toEqual({
      networks: { foo: 'thing_BARZ' },
    });
  });

  const testVar = (value: string) => fromTree({ myservice: { environment: { TESTVAR: value } } });

  // TestValidUnexistentInterpolation (FOO and BAR unset)
  it.each([
    { test: '{{{ ${FOO:-foo_} }}}', expected: '{{{ foo_ }}}' },
    { test: '{{{ ${FOO:-foo-bar-value} }}}', expected: '{{{ foo-bar-value }}}' },
    { test: '{{{ ${FOO:-foo?bar?value} }}}', expected: '{{{ foo?bar?value }}}' },
    { test: '{{{ ${FOO:-foo:?bar:?value} }}}', expected: '{{{ foo:?bar:?value }}}' },
    { test: '{{{ ${FOO:-foo} ${BAR:-DEFAULT_VALUE} }}}', expected: '{{{ foo DEFAULT_VALUE }}}' },
    { test: '{{{ ${BAR} }}}', expected: '{{{  }}}' },
    { test: '${FOO:-baz} }}}', expected: 'baz }}}' },
    { test: '${FOO-baz} }}}', expected: 'baz }}}' },
    { test: '${FOO:-${BAR:-${ZOT:-qix}}}', expected: 'qix' },
    { test: '${FOO:-${BAR:-x}_test_${BAR:-y}}', expected: 'x_test_y' },
    { test: '${FOO:-${BAR:-x}_test}', expected: 'x_test' },
    { test: '${FOO:-${BAR:-${ZOT:-x}}_test}', expected: 'x_test' },
  ])('unset variables: $test', ({ test, expected }) => {
    expect(interpolateDocument(testVar(test), empty).tree).toEqual(testVar(expected).tree);
  });

  it.each([
    { test: '{{{ ${FOO:?foo_} }}}', reason: 'foo_' },
    { test: '{{{ ${FOO:?foo-bar-value} }}}', reason: 'foo-bar-value' },
    { test: '{{{ ${FOO:?foo} ${BAR:-DEFAULT_VALUE} }}}', reason: 'foo' },
    { test: '${FOO:?foo} ${BAR:?bar}', reason: 'foo' },
    { test: '${FOO:?baz} }}}', reason: 'baz' },
    { test: '${FOO?baz} }}}', reason: 'baz' },
  ])('unset required variable: $test', ({ test, reason }) => {
    const error = interpolationError(testVar(test), empty);
    expect(error.path).toEqual(['myservice', 'environment', 'TESTVAR']);
    expect(error.detail).toBe(`required variable FOO is missing a value: ${reason}`);
  });

  // TestValidExistentInterpolation
  it.each([
    { test: '{{{ ${FOO:-foo_} }}}', expected: '{{{ bar }}}' },
    { test: '{{{ ${FOO:-foo-bar-value} }}}', expected: '{{{ bar }}}' },
    { test: '{{{ ${FOO:-foo} ${BAR:-DEFAULT_VALUE} }}}', expected: '{{{ bar DEFAULT_VALUE }}}' },
    { test: '{{{ ${BAR} }}}', expected: '{{{  }}}' },
    { test: '${FOO:-baz} }}}', expected: 'bar }}}' },
    { test: '${FOO-baz} }}}', expected: 'bar }}}' },
    { test: '{{{ ${FOO:-foo} ${USER:-bar} }}}', expected: '{{{ bar jenny }}}' },
    { test: '{{{ ${USER} }}}', expected: '{{{ jenny }}}' },
  ])('set variables: $test', ({ test, expected }) => {
    expect(interpolateDocument(testVar(test), defaults).tree).toEqual(testVar(expected).tree);
  });

  // TestInterpolateWithCast, on compose's own table.
  it('TestInterpolateWithCast: casts after substitution', () => {
    const doc = fromTree({ services: { foo: { deploy: { replicas: '$count' }, privileged: '$REQUIRED' } } });
    expect(interpolateDocument(doc, defaults).tree).toEqual({
      services: { foo: { deploy: { replicas: 5 }, privileged: true } },
    });
  });
});

// TestPathMatches, on compose's own table.
describe('castForPath', () => {
  it.each([
    { doc: 'pattern too short', path: ['services', 'web', 'privileged', 'x'], cast: undefined },
    { doc: 'pattern too long', path: ['services', 'web'], cast: undefined },
    { doc: 'pattern mismatch', path: ['services', 'privileged', 'web'], cast: undefined },
    { doc: 'mismatch with match-all part', path: ['x-services', 'web', 'privileged'], cast: undefined },
    { doc: 'match with match-all part', path: ['services', 'web', 'privileged'], cast: 'boolean' },
    { doc: 'match', path: ['services', 'web', 'deploy', 'replicas'], cast: 'int' },
    { doc: 'list item', path: ['services', 'web', 'ports', 2, 'target'], cast: 'int' },
    { doc: 'list pattern, mapping key', path: ['services', 'web', 'ports', 'a', 'target'], cast: undefined },
    { doc: 'match-all takes a list item', path: ['services', 'web', 'ulimits', 0], cast: 'int' },
    { doc: 'top-level resource', path: ['networks', 'front', 'enable_ipv6'], cast: 'boolean' },
  ])('$doc', ({ path, cast }) => {
    expect(castForPath(path)).toBe(cast);
  });
});

describe('interpolateDocument type casts (loader_test.go)', () => {
  it('TestLoadWithInterpolationCastFull', () => {
    const doc = fromYaml(`
services:
  web:
    configs:
      - source: appconfig
        mode: "$theint"
    healthcheck:
      retries: \${theint}
      disable: $thebool
    deploy:
      replicas: $theint
      update_config:
        parallelism: $theint
        max_failure_ratio: $thefloat
      rollback_config:
        parallelism: $theint
        max_failure_ratio: $thefloat
      restart_policy:
        max_attempts: $theint
      placement:
        max_replicas_per_node: $theint
    ports:
      - $theint
      - "34567"
      - target: $theint
        published: "$theint"
        x-foo-bar: true
    ulimits:
      nproc: $theint
      nofile:
        hard: $theint
        soft: $theint
    privileged: $thebool
    read_only: $thebool
    shm_size: \${thesize}
    stop_grace_period: \${theduration}
    stdin_open: \${thebool}
    tty: $thebool
    volumes:
      - source: data
        type: volume
        target: /data
        read_only: $thebool
        volume:
          nocopy: $thebool
configs:
  appconfig:
    external: $thebool
secrets:
  super:
    external: $thebool
volumes:
  data:
    external: $thebool
networks:
  front:
    external: $thebool
    internal: $thebool
    attachable: $thebool
  back:
`);
    const env = lookupIn({
      theint: '555',
      thefloat: '3.14',
      thebool: 'true',
      theduration: '60s',
      thesize: '2gb',
    });
    expect(interpolateDocument(doc, env).tree).toEqual({
      services: {
        web: {
          configs: [{ source: 'appconfig', mode: '555' }],
          healthcheck: { retries: 555, disable: true },
          deploy: {
            replicas: 555,
            update_config: { parallelism: 555, max_failure_ratio: 3.14 },
            rollback_config: { parallelism: 555, max_failure_ratio: 3.14 },
            restart_policy: { max_attempts: 555 },
            placement: { max_replicas_per_node: 555 },
          },
          ports: ['555', '34567', { target: 555, published: '555', 'x-foo-bar': true }],
          ulimits: { nproc: 555, nofile: { hard: 555, soft: 555 } },
          privileged: true,
          read_only: true,
          shm_size: '2gb',
          stop_grace_period: '60s',
          stdin_open: true,
          tty: true,
          volumes: [
            { source: 'data', type: 'volume', target: '/data', read_only: true, volume: { nocopy: true } },
          ],
        },
      },
      configs: { appconfig: { external: true } },
      secrets: { super: { external: true } },
      volumes: { data: { external: true } },
      networks: { front: { external: true, internal: true, attachable: true }, back: null },
    });
  });

  it('TestInterpolateInt', () => {
    const doc = fromYaml('services:\n  foo:\n    image: foo\n    scale: ${FOO_SCALE}\n');
    expect(interpolateDocument(doc, lookupIn({ FOO_SCALE: '2' })).tree).toEqual({
      services: { foo: { image: 'foo', scale: 2 } },
    });
  });

  it('TestLoadWithEnvironmentInterpolation: comments, lists and resources', () => {
    const doc = fromYaml(`
# This is a comment, so using variable syntax here \${SHOULD_NOT_BREAK} parsing
services:
  test:
    image: busybox
    labels:
      - home1=$HOME
      - home2=\${HOME}
      - nonexistent=$NONEXISTENT
      - default=\${NONEXISTENT-default}
networks:
  test:
    driver: $HOME
volumes:
  test:
    driver: $HOME
`);
    const result = interpolateDocument(doc, lookupIn({ HOME: '/home/foo', FOO: 'foo' }));
    expect(result.tree).toEqual({
      services: {
        test: {
          image: 'busybox',
          labels: ['home1=/home/foo', 'home2=/home/foo', 'nonexistent=', 'default=default'],
        },
      },
      networks: { test: { driver: '/home/foo' } },
      volumes: { test: { driver: '/home/foo' } },
    });
    expect(result.warnings).toEqual(['The "NONEXISTENT" variable is not set. Defaulting to a blank string.']);
  });

  // compose-go's cast functions: strconv.Atoi / ParseInt / ParseFloat and its toBoolean.
  const service = (field: string, value: unknown) => fromTree({ services: { s: { [field]: value } } });
  it.each([
    { field: 'privileged', value: 'TRUE', expected: true },
    { field: 'privileged', value: 'False', expected: false },
    {
      field: 'init',
      value: 'yes',
      expected: true,
      warning: '"yes" for boolean is not supported by YAML 1.2, please use `true`',
    },
    {
      field: 'tty',
      value: 'on',
      expected: true,
      warning: '"on" for boolean is not supported by YAML 1.2, please use `true`',
    },
    {
      field: 'tty',
      value: 'Y',
      expected: true,
      warning: '"Y" for boolean is not supported by YAML 1.2, please use `true`',
    },
    {
      field: 'tty',
      value: 'no',
      expected: false,
      warning: '"no" for boolean is not supported by YAML 1.2, please use `false`',
    },
    {
      field: 'tty',
      value: 'off',
      expected: false,
      warning: '"off" for boolean is not supported by YAML 1.2, please use `false`',
    },
    {
      field: 'tty',
      value: 'n',
      expected: false,
      warning: '"n" for boolean is not supported by YAML 1.2, please use `false`',
    },
    { field: 'scale', value: '+3', expected: 3 },
    { field: 'scale', value: '-007', expected: -7 },
    { field: 'pids_limit', value: '-1', expected: -1 },
    { field: 'cpu_shares', value: '9223372036854775807', expected: Number(2n ** 63n - 1n) },
    { field: 'cpu_percent', value: '1_000.5', expected: 1000.5 },
    { field: 'cpu_percent', value: '.5', expected: 0.5 },
    { field: 'cpu_percent', value: '5.', expected: 5 },
    { field: 'cpu_percent', value: '1e3', expected: 1000 },
    { field: 'cpu_percent', value: '0x1p-2', expected: 0.25 },
    { field: 'cpu_percent', value: '0x1.8p1', expected: 3 },
    { field: 'cpu_percent', value: '-Inf', expected: -Infinity },
    { field: 'cpu_percent', value: '0x0p9999', expected: 0 },
    { field: 'cpus', value: '1.5', expected: 1.5 },
    { field: 'cpus', value: '0.1', expected: 0.1 },
    { field: 'cpus', value: '0.3333333333', expected: 0.33333334 },
    // Values that are not strings are the YAML parser's business.
    { field: 'privileged', value: 1, expected: 1 },
    { field: 'scale', value: true, expected: true },
  ])('$field: $value', ({ field, value, expected, warning }) => {
    const result = interpolateDocument(service(field, value), empty);
    expect(result.tree).toEqual({ services: { s: { [field]: expected } } });
    expect(result.warnings).toEqual(warning ? [warning] : []);
  });

  it.each([
    { field: 'privileged', value: 'maybe', detail: 'invalid boolean: maybe' },
    { field: 'privileged', value: '', detail: 'invalid boolean: ' },
    { field: 'scale', value: 'two', detail: 'strconv.Atoi: parsing "two": invalid syntax' },
    { field: 'scale', value: '1.5', detail: 'strconv.Atoi: parsing "1.5": invalid syntax' },
    { field: 'scale', value: '1_000', detail: 'strconv.Atoi: parsing "1_000": invalid syntax' },
    { field: 'scale', value: ' 1', detail: 'strconv.Atoi: parsing " 1": invalid syntax' },
    {
      field: 'scale',
      value: '9223372036854775808',
      detail: 'strconv.Atoi: parsing "9223372036854775808": value out of range',
    },
    { field: 'pids_limit', value: '', detail: 'strconv.ParseInt: parsing "": invalid syntax' },
    { field: 'cpu_percent', value: '1e', detail: 'strconv.ParseFloat: parsing "1e": invalid syntax' },
    { field: 'cpu_percent', value: '_1', detail: 'strconv.ParseFloat: parsing "_1": invalid syntax' },
    { field: 'cpu_percent', value: '0x1', detail: 'strconv.ParseFloat: parsing "0x1": invalid syntax' },
    {
      field: 'cpu_percent',
      value: '1e400',
      detail: 'strconv.ParseFloat: parsing "1e400": value out of range',
    },
    { field: 'cpus', value: '1e39', detail: 'strconv.ParseFloat: parsing "1e39": value out of range' },
    { field: 'cpus', value: 'infinit', detail: 'strconv.ParseFloat: parsing "infinit": invalid syntax' },
  ])('$field: $value fails', ({ field, value, detail }) => {
    const error = interpolationError(service(field, value), empty);
    expect(error.path).toEqual(['services', 's', field]);
    expect(error.detail).toBe(`failed to cast to expected type: ${detail}`);
  });
});

describe('interpolateDocument', () => {
  it('does not interpolate keys', () => {
    const doc = fromTree({ services: { $FOO: { labels: { '${FOO}': '$FOO' } } } });
    expect(interpolateDocument(doc, defaults).tree).toEqual({
      services: { $FOO: { labels: { '${FOO}': 'bar' } } },
    });
  });

  it('leaves the input tree alone', () => {
    const tree = { services: { web: { image: '${FOO}', ports: ['${FOO}'] } } };
    const copy = structuredClone(tree);
    interpolateDocument(fromTree(tree), defaults);
    expect(tree).toEqual(copy);
  });

  it('keeps a __proto__ key as a plain key', () => {
    const tree = JSON.parse('{"x-a": {"__proto__": "$FOO"}}') as Record<string, unknown>;
    const result = interpolateDocument(fromTree(tree), defaults).tree;
    expect(Object.getOwnPropertyDescriptor(result['x-a'], '__proto__')?.value).toBe('bar');
  });

  it('warns once per unset variable, in document order', () => {
    const doc = fromTree({ a: '$B ${A}', b: ['${A}', '${C:-x}', '$B'], c: { d: '${D}' } });
    expect(interpolateDocument(doc, empty).warnings).toEqual([
      'The "B" variable is not set. Defaulting to a blank string.',
      'The "A" variable is not set. Defaulting to a blank string.',
      'The "D" variable is not set. Defaulting to a blank string.',
    ]);
  });

  it.each([
    {
      name: 'a required variable in a list item',
      yaml: 'services:\n  web:\n    image: nginx\n    environment:\n      - A=${A:?set A}\n',
      at: [5, 9],
      path: ['services', 'web', 'environment', 0],
      detail: 'required variable A is missing a value: set A',
    },
    {
      name: 'an invalid template, at its key',
      yaml: 'services:\n  web:\n    image: "${ IMAGE}"\n',
      at: [3, 5],
      path: ['services', 'web', 'image'],
      detail: 'invalid interpolation format "${ IMAGE}". You may need to escape any $ with another $.',
    },
    {
      name: 'a value on the line after its key',
      yaml: 'services:\n  web:\n    command:\n      - echo\n      - ${MSG?}\n',
      at: [5, 9],
      path: ['services', 'web', 'command', 1],
      detail: 'required variable MSG is missing a value',
    },
    {
      name: 'a failed cast',
      yaml: 'services:\n  web:\n    image: nginx\n    privileged: ${P:-sometimes}\n',
      at: [4, 5],
      path: ['services', 'web', 'privileged'],
      detail: 'failed to cast to expected type: invalid boolean: sometimes',
    },
  ])('error position: $name', ({ yaml, at, path, detail }) => {
    const error = interpolationError(fromYaml(yaml), empty);
    expect([error.file, error.line, error.column]).toEqual(['compose.yaml', ...at]);
    expect(error.path).toEqual(path);
    expect(error.detail).toBe(detail);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('stops at the first error in document order', () => {
    const doc = fromYaml('a: ${A?first}\nb: ${B?second}\n');
    expect(interpolationError(doc, empty).detail).toBe('required variable A is missing a value: first');
  });
});
