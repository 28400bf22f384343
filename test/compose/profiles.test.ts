// Ports compose-go types/project_test.go (Test_ApplyProfiles, Test_NoProfiles, Test_ForServices,
// Test_ForServicesIgnoreDependencies, Test_WithoutUnnecessaryResources), loader/tests/profiles_test.go,
// loader/loader_test.go (TestWithSelectedServicesOption, TestWithoutUnnecessaryResourcesOption*),
// loader/validate_test.go (depends on disabled / unknown service), the illustrative example of
// compose-spec 15-profiles.md and the projects of docker/compose pkg/e2e profiles_test.go / up_test.go.
import { describe, expect, it } from 'vitest';
import { checkConsistency } from '../../src/compose/check-consistency.js';
import {
  applyProfiles,
  enableServices,
  listProfiles,
  pruneUnusedResources,
  restrictToServices,
  selectActiveServices,
  type ActiveServices,
  type ServiceSelectionOptions,
} from '../../src/compose/profiles.js';
import { ComposeErrors, ComposeFileError } from '../../src/compose/errors.js';
import type { Project, ServiceConfig, ServiceDependency } from '../../src/compose/project.js';
import type { SourceNode } from '../../src/compose/source-map.js';
import { formatPath } from '../../src/compose/tree-path.js';

const on = (required = true): ServiceDependency => ({ condition: 'service_started', required });

function projectOf(services: Record<string, ServiceConfig>, rest: Partial<Project> = {}): Project {
  return { name: 'test', services, ...rest };
}

const names = (record: Record<string, unknown>): string[] => Object.keys(record).sort();

/** The loader's consistency check, as load-project.ts hands it to selectActiveServices. */
const consistency = (active: ActiveServices, source?: SourceNode): ComposeFileError[] =>
  checkConsistency(
    {
      tree: active.project as unknown as Record<string, unknown>,
      source: source ?? { position: { file: 'compose.yaml', line: 1, column: 1 } },
    },
    { disabledServices: active.disabled },
  );
const checkDependsOn = consistency;
const withoutPosition = (e: ComposeFileError): string => `${formatPath(e.path)}: ${e.detail}`;
const checkDependencyCycle = consistency;

/** compose-go makeProject(); service_6's link is a depends_on entry after normalisation. */
function makeProject(): Project {
  return projectOf({
    service_1: { image: 'alpine' },
    service_2: { image: 'alpine', profiles: ['foo'], depends_on: { service_1: on() } },
    service_3: { image: 'alpine', profiles: ['bar'], depends_on: { service_2: on() } },
    service_4: { image: 'alpine', profiles: ['zot'], depends_on: { service_2: on(false) } },
    service_5: { image: 'alpine', profiles: ['zot'] },
    service_6: { image: 'alpine', links: ['service_1'], depends_on: { service_1: on() } },
  });
}

/** compose-spec 15-profiles.md, "Illustrative example". */
const specExample = projectOf({
  foo: { image: 'foo' },
  bar: { image: 'bar', profiles: ['test'] },
  baz: { image: 'baz', depends_on: { bar: on() }, profiles: ['test'] },
  zot: { image: 'zot', depends_on: { bar: on() }, profiles: ['debug'] },
});

/** docker/compose pkg/e2e/testdata/TestExplicitProfileUsage (and its siblings). */
const regularAndProfiled = projectOf({
  'regular-service': { image: 'alpine', command: ['sleep', 'infinity'] },
  'profiled-service': { image: 'alpine', command: ['sleep', 'infinity'], profiles: ['test-profile'] },
});

describe('applyProfiles', () => {
  it.each([
    { name: 'no profile: services without profiles only', profiles: [], enabled: ['service_1', 'service_6'] },
    { name: 'profile foo', profiles: ['foo'], enabled: ['service_1', 'service_2', 'service_6'] },
    {
      name: 'two profiles',
      profiles: ['foo', 'zot'],
      enabled: ['service_1', 'service_2', 'service_4', 'service_5', 'service_6'],
    },
    {
      name: '* enables every service',
      profiles: ['*'],
      enabled: ['service_1', 'service_2', 'service_3', 'service_4', 'service_5', 'service_6'],
    },
    {
      name: 'an unknown profile enables nothing more',
      profiles: ['nope'],
      enabled: ['service_1', 'service_6'],
    },
    {
      name: 'an empty name (COMPOSE_PROFILES="") enables nothing more',
      profiles: [''],
      enabled: ['service_1', 'service_6'],
    },
  ])('$name', ({ profiles, enabled }) => {
    const active = applyProfiles(makeProject(), profiles);
    expect(names(active.project.services)).toEqual(enabled);
    expect(names(active.disabled)).toEqual(names(makeProject().services).filter((n) => !enabled.includes(n)));
    expect(active.profiles).toEqual(profiles);
  });

  it('keeps a service with an empty profiles list (TestProfiles)', () => {
    const active = applyProfiles(projectOf({ foo: { image: 'alpine', profiles: [] } }), []);
    expect(names(active.project.services)).toEqual(['foo']);
  });

  it('keeps the profiles attribute of enabled services', () => {
    const active = applyProfiles(projectOf({ foo: { image: 'alpine', profiles: ['debug', 'dev'] } }), [
      'debug',
    ]);
    expect(active.project.services['foo']?.profiles).toEqual(['debug', 'dev']);
  });
});

describe('enableServices (Test_ApplyProfiles)', () => {
  it('activates the profiles of a named service, enabling its profile siblings too', () => {
    const active = enableServices(applyProfiles(makeProject(), ['foo']), ['service_4']);
    expect(names(active.project.services)).toEqual([
      'service_1',
      'service_2',
      'service_4',
      'service_5',
      'service_6',
    ]);
    expect(names(active.disabled)).toEqual(['service_3']);
    expect(active.profiles).toEqual(['foo', 'zot']);
  });

  it.each([
    { name: 'an enabled service changes nothing', services: ['service_1'] },
    { name: 'an unknown service changes nothing', services: ['nope'] },
    { name: 'nothing named changes nothing', services: [] },
  ])('$name', ({ services }) => {
    const before = applyProfiles(makeProject(), []);
    expect(enableServices(before, services)).toBe(before);
  });
});

describe('restrictToServices', () => {
  const everything = (): ActiveServices => applyProfiles(makeProject(), ['*']);

  it.each([
    {
      name: 'service_2 and its dependency',
      services: ['service_2'],
      policy: 'with-dependencies' as const,
      disabled: ['service_3', 'service_4', 'service_5', 'service_6'],
    },
    {
      name: 'service_6 and its link (a dependency once normalised)',
      services: ['service_6'],
      policy: 'with-dependencies' as const,
      disabled: ['service_2', 'service_3', 'service_4', 'service_5'],
    },
    {
      name: '--no-deps service_2',
      services: ['service_2'],
      policy: 'only-named' as const,
      disabled: ['service_1', 'service_3', 'service_4', 'service_5', 'service_6'],
    },
    {
      name: '--no-deps service_2 service_3',
      services: ['service_2', 'service_3'],
      policy: 'only-named' as const,
      disabled: ['service_1', 'service_4', 'service_5', 'service_6'],
    },
    {
      name: 'a pattern selects every match',
      services: ['service_[45]'],
      policy: 'with-dependencies' as const,
      disabled: ['service_3', 'service_6'],
    },
    { name: 'no name keeps everything', services: [], policy: 'with-dependencies' as const, disabled: [] },
  ])('$name', ({ services, policy, disabled }) => {
    const active = restrictToServices(everything(), services, policy);
    expect(names(active.disabled)).toEqual(disabled);
  });

  it('drops depends_on entries leading out of a --no-deps selection (Test_ForServicesIgnoreDependencies)', () => {
    const alone = restrictToServices(everything(), ['service_2'], 'only-named');
    expect(alone.project.services['service_2']).not.toHaveProperty('depends_on');
    const pair = restrictToServices(everything(), ['service_2', 'service_3'], 'only-named');
    expect(pair.project.services['service_3']?.depends_on).toEqual({ service_2: on() });
  });

  it('drops an optional dependency on a disabled service once services are named', () => {
    const project = projectOf({
      foo: { image: 'bash', depends_on: { bar: { condition: 'service_healthy', required: false } } },
      bar: { image: 'alpine', profiles: ['not-required'] },
    });
    const active = restrictToServices(applyProfiles(project, []), ['foo'], 'with-dependencies');
    expect(active.project.services['foo']).toEqual({ image: 'bash' });
  });

  it.each([
    { name: 'an unknown service', services: ['nope'], message: 'no such service: nope' },
    { name: 'a pattern matching nothing', services: ['db*'], message: 'no such service: db*' },
    {
      name: 'a disabled required dependency',
      services: ['service_3'],
      profiles: ['bar'],
      message: 'no such service: service_2',
    },
  ])('refuses $name', ({ services, profiles, message }) => {
    const active = applyProfiles(makeProject(), profiles ?? ['*']);
    expect(() => restrictToServices(active, services, 'with-dependencies')).toThrow(message);
  });
});

describe('checkDependsOn (loader/validate_test.go)', () => {
  it.each([
    {
      name: 'an optional dependency on a disabled service is fine',
      project: projectOf({
        myservice: { image: 'scratch', depends_on: { other: on(false) } },
        other: { image: 'scratch', profiles: ['x'] },
      }),
      errors: [],
    },
    {
      name: 'a required dependency on a disabled service is an error',
      project: projectOf({
        myservice: { image: 'scratch', depends_on: { other: on() } },
        other: { image: 'scratch', profiles: ['x'] },
      }),
      errors: [
        'services.myservice.depends_on.other: service "myservice" depends on undefined service "other": invalid compose project',
      ],
    },
    {
      name: 'even an optional dependency on an unknown service is an error',
      project: projectOf({ myservice: { image: 'scratch', depends_on: { other: on(false) } } }),
      errors: [
        'services.myservice.depends_on.other: service "myservice" depends on undefined service "other": invalid compose project',
      ],
    },
    {
      name: 'a disabled service is not checked',
      project: projectOf({ off: { image: 'scratch', profiles: ['x'], depends_on: { ghost: on() } } }),
      errors: [],
    },
  ])('$name', ({ project, errors }) => {
    expect(checkDependsOn(applyProfiles(project, [])).map(withoutPosition)).toEqual(errors);
  });

  it('names the profiles that would enable the dependency, and points at the entry', () => {
    const source: SourceNode = {
      position: { file: 'compose.yaml', line: 1, column: 1 },
      children: new Map([
        [
          'services',
          {
            position: { file: 'compose.yaml', line: 1, column: 1 },
            children: new Map([
              [
                'zot',
                {
                  position: { file: 'compose.yaml', line: 8, column: 3 },
                  children: new Map([
                    [
                      'depends_on',
                      {
                        position: { file: 'compose.yaml', line: 10, column: 5 },
                        children: new Map([
                          ['bar', { position: { file: 'compose.yaml', line: 11, column: 9 } }],
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
    const [error] = checkDependsOn(applyProfiles(specExample, ['debug']), source);
    expect(error).toBeInstanceOf(ComposeFileError);
    expect(error).toMatchObject({
      file: 'compose.yaml',
      line: 11,
      column: 9,
      path: ['services', 'zot', 'depends_on', 'bar'],
      hint: 'service "bar" is required by "zot" but is disabled. Can be enabled by profiles [test]',
    });
  });
});

describe('checkDependencyCycle', () => {
  it.each([
    {
      name: 'a cycle among enabled services',
      project: projectOf({
        a: { image: 'x', depends_on: { b: on() } },
        b: { image: 'x', depends_on: { a: on() } },
      }),
      errors: ['services.a.depends_on.b: dependency cycle detected: a -> b -> a'],
    },
    {
      name: 'a cycle through a disabled service is no cycle',
      project: projectOf({
        a: { image: 'x', depends_on: { b: on(false) } },
        b: { image: 'x', profiles: ['off'], depends_on: { a: on() } },
      }),
      errors: [],
    },
    {
      name: 'a service depending on itself',
      project: projectOf({ service1: { image: 'x', depends_on: { service1: on() } } }),
      errors: ['services.service1.depends_on.service1: dependency cycle detected: service1 -> service1'],
    },
  ])('$name', ({ project, errors }) => {
    expect(checkDependencyCycle(applyProfiles(project, [])).map(withoutPosition)).toEqual(errors);
  });
});

describe('selectActiveServices', () => {
  type Row = { name: string; project: Project; options: ServiceSelectionOptions; unchecked?: boolean } & (
    { enabled: string[]; profiles?: string[] } | { error: string }
  );
  it.each<Row>([
    // compose-spec 15-profiles.md, one row per bullet of the illustrative example.
    { name: 'spec: no profile enabled', project: specExample, options: { profiles: [] }, enabled: ['foo'] },
    {
      name: 'spec: profile test',
      project: specExample,
      options: { profiles: ['test'] },
      enabled: ['bar', 'baz', 'foo'],
    },
    {
      name: 'spec: profile debug leaves zot without bar',
      project: specExample,
      options: { profiles: ['debug'] },
      error: 'service "zot" depends on undefined service "bar": invalid compose project',
    },
    {
      name: 'spec: profiles debug and test',
      project: specExample,
      options: { profiles: ['debug', 'test'] },
      enabled: ['bar', 'baz', 'foo', 'zot'],
    },
    {
      name: 'spec: bar named',
      project: specExample,
      options: { profiles: [], services: ['bar'] },
      enabled: ['bar'],
      profiles: ['test'],
    },
    {
      name: 'spec: baz named pulls bar in',
      project: specExample,
      options: { profiles: [], services: ['baz'] },
      enabled: ['bar', 'baz'],
    },
    {
      name: 'spec: zot named, bar has no common profile',
      project: specExample,
      options: { profiles: [], services: ['zot'] },
      error: 'no such service: bar',
    },
    {
      name: 'spec: zot named with profile test',
      project: specExample,
      options: { profiles: ['test'], services: ['zot'] },
      enabled: ['bar', 'zot'],
      profiles: ['test', 'debug'],
    },
    // docker/compose e2e scenarios.
    {
      name: 'TestNoProfileUsage',
      project: regularAndProfiled,
      options: { profiles: [] },
      enabled: ['regular-service'],
    },
    {
      name: 'TestExplicitProfileUsage',
      project: regularAndProfiled,
      options: { profiles: ['test-profile'] },
      enabled: ['profiled-service', 'regular-service'],
    },
    {
      name: 'TestActiveProfileViaTargetedService',
      project: regularAndProfiled,
      options: { profiles: [], services: ['profiled-service'] },
      enabled: ['profiled-service'],
    },
    {
      name: 'TestUpProfile: the target and its dependency, not its profile sibling',
      project: projectOf({
        foo: { image: 'alpine', profiles: ['test'], depends_on: { db: on() } },
        bar: { image: 'alpine', profiles: ['test'] },
        db: { image: 'alpine' },
      }),
      options: { profiles: [], services: ['foo'] },
      enabled: ['db', 'foo'],
    },
    {
      name: 'TestUpWithDependencyNotRequired without its profile',
      project: projectOf({
        foo: { image: 'bash', depends_on: { bar: { condition: 'service_healthy', required: false } } },
        bar: { image: 'alpine', profiles: ['not-required'] },
      }),
      options: { profiles: [] },
      enabled: ['foo'],
    },
    {
      name: '--no-consistency lets a required dependency on a disabled service through',
      project: specExample,
      options: { profiles: ['debug'] },
      unchecked: true,
      enabled: ['foo', 'zot'],
    },
    {
      name: 'an unknown service on the command line',
      project: specExample,
      options: { profiles: [], services: ['nope'] },
      error: 'no such service: nope',
    },
    {
      name: 'a pattern does not enable profiled services',
      project: specExample,
      options: { profiles: [], services: ['ba*'] },
      error: 'no such service: ba*',
    },
  ])('$name', ({ project, options: given, unchecked, ...want }) => {
    const options = unchecked ? given : { ...given, check: consistency };
    if ('error' in want) {
      expect(() => selectActiveServices(project, options)).toThrow(want.error);
      return;
    }
    const active = selectActiveServices(project, options);
    expect(names(active.project.services)).toEqual(want.enabled);
    if (want.profiles) expect(active.profiles).toEqual(want.profiles);
  });

  it('reports every bad depends_on at once', () => {
    const project = projectOf({
      a: { image: 'x', depends_on: { ghost: on() } },
      b: { image: 'x', depends_on: { phantom: on() } },
    });
    expect(() => selectActiveServices(project, { profiles: [], check: consistency })).toThrow(ComposeErrors);
  });

  it('drops resources no selected service uses, unless --all-resources (TestWithoutUnnecessaryResourcesOption)', () => {
    const project = projectOf(
      {
        web: {
          image: 'nginx',
          networks: { frontnet: null },
          volumes: [{ type: 'volume', source: 'data', target: '/data' }],
        },
        worker: {
          image: 'busybox',
          networks: { backnet: null },
          volumes: [{ type: 'volume', source: 'tmp', target: '/tmp' }],
        },
      },
      { networks: { frontnet: {}, backnet: {} }, volumes: { data: {}, tmp: {} } },
    );
    const pruned = selectActiveServices(project, { profiles: [], services: ['web'] }).project;
    expect(pruned.networks).toEqual({ frontnet: {} });
    expect(pruned.volumes).toEqual({ data: {} });
    const all = selectActiveServices(project, {
      profiles: [],
      services: ['web'],
      allResources: true,
    }).project;
    expect(all.networks).toEqual({ frontnet: {}, backnet: {} });
    expect(all.volumes).toEqual({ data: {}, tmp: {} });
  });
});

describe('pruneUnusedResources', () => {
  it('keeps what services use, of every kind (TestWithoutUnnecessaryResourcesOption_AllResourceKinds)', () => {
    const project = projectOf(
      {
        web: {
          image: 'nginx',
          secrets: [{ source: 'used_secret' }],
          configs: [{ source: 'used_config' }],
          models: { used_model: {} },
          build: { context: '/project', secrets: [{ source: 'build_secret' }] },
          networks: { default: null },
          volumes: [
            { type: 'bind', source: '/project/data', target: '/data' },
            { type: 'volume', target: '/anonymous' },
            { type: 'volume', source: 'named', target: '/named' },
          ],
        },
      },
      {
        networks: { default: { name: 'test_default' }, unused: {} },
        volumes: { named: {}, unused: {} },
        secrets: {
          used_secret: { external: true },
          build_secret: { file: '/s' },
          unused_secret: { external: true },
        },
        configs: { used_config: { external: true }, unused_config: { external: true } },
        models: { used_model: { model: 'ai/used-model' }, unused_model: { model: 'ai/unused-model' } },
      },
    );
    expect(pruneUnusedResources(project)).toEqual({
      ...project,
      networks: { default: { name: 'test_default' } },
      volumes: { named: {} },
      secrets: { used_secret: { external: true }, build_secret: { file: '/s' } },
      configs: { used_config: { external: true } },
      models: { used_model: { model: 'ai/used-model' } },
    });
  });

  it('removes a section left empty (Test_WithoutUnnecessaryResources)', () => {
    const project = projectOf(
      { web: { image: 'nginx' } },
      { networks: { unused: {} }, volumes: { unused: {} }, secrets: { unused: {} }, configs: { unused: {} } },
    );
    expect(pruneUnusedResources(project)).toEqual(projectOf({ web: { image: 'nginx' } }));
  });
});

describe('listProfiles (config --profiles)', () => {
  it.each([
    {
      name: 'every profile, enabled or not, sorted',
      project: makeProject(),
      profiles: [],
      want: ['bar', 'foo', 'zot'],
    },
    {
      name: 'the same with a profile active',
      project: specExample,
      profiles: ['test'],
      want: ['debug', 'test'],
    },
    { name: 'none', project: projectOf({ web: { image: 'nginx' } }), profiles: [], want: [] },
  ])('$name', ({ project, profiles, want }) => {
    expect(listProfiles(applyProfiles(project, profiles))).toEqual(want);
  });

  it('still lists profiles of services a selection left out', () => {
    const active = selectActiveServices(specExample, { profiles: [], services: ['foo'] });
    expect(listProfiles(active)).toEqual(['debug', 'test']);
  });
});
