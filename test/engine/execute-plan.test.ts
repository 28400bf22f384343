// The executor walks the real reconciler's plan: every node after its prerequisites, a start
// only once its dependency is healthy, and on a failure the dependents are skipped while the
// rest still runs. The engine is a recording fake (fake-docker.ts): this is about the walk.
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../src/engine/execute-plan.js';
import { NOTHING_OBSERVED } from '../../src/plan/observed-state.js';
import { reconcile } from '../../src/plan/reconcile.js';
import type { ProgressEvent } from '../../src/ui/progress-event.js';
import type { Reporter } from '../../src/ui/reporter.js';
import { loadYaml } from '../plan/load-yaml.js';
import { LABEL_CONTEXT } from '../plan/simulate-plan.js';
import { fakeDocker } from './fake-docker.js';

const PROJECT = loadYaml(`
name: demo
services:
  db: {image: busybox, healthcheck: {test: [CMD, "true"]}}
  api: {image: busybox, depends_on: {db: {condition: service_healthy}}}
  web: {image: busybox, depends_on: [api]}
  other: {image: busybox}
`);

function recorder(): { reporter: Reporter; events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  return {
    events,
    reporter: { start: () => undefined, event: (event) => events.push(event), done: () => undefined },
  };
}

function run(fail?: (call: string) => boolean) {
  const fake = fakeDocker(fail ? { fail } : {});
  const plan = reconcile(PROJECT, NOTHING_OBSERVED, { version: '0.1.0' });
  const { reporter, events } = recorder();
  const result = executePlan(fake.docker, plan, {
    project: PROJECT,
    labels: LABEL_CONTEXT,
    observed: NOTHING_OBSERVED,
    reporter,
    clock: () => 0,
  });
  return { fake, events, result };
}

describe('executePlan', () => {
  it('runs every node after its prerequisites and starts api only once db is healthy', async () => {
    const { fake, events, result } = run();
    expect((await result).errors).toEqual([]);
    const calls = fake.calls;
    expect(calls.indexOf('create-network demo_default')).toBeLessThan(calls.indexOf('create demo-db-1'));
    expect(calls.indexOf('start demo-db-1')).toBeLessThan(calls.indexOf('inspect demo-db-1'));
    expect(calls.indexOf('inspect demo-db-1')).toBeLessThan(calls.indexOf('start demo-api-1'));
    expect(calls.indexOf('start demo-api-1')).toBeLessThan(calls.indexOf('start demo-web-1'));
    const api = events.filter((event) => event.resource.name === 'demo-api-1').map((event) => event.kind);
    expect(api).toEqual(['creating', 'created', 'waiting', 'starting', 'started']);
    expect(events.some((event) => event.resource.name === 'demo-db-1' && event.kind === 'healthy')).toBe(
      true,
    );
  });

  it('skips the dependents of a failed node, finishes the rest and reports the error', async () => {
    const { fake, events, result } = run((call) => call === 'create demo-api-1');
    const { errors, skipped } = await result;
    expect(errors).toEqual(['create container demo-api-1: boom']);
    expect(skipped.length).toBeGreaterThan(0);
    expect(fake.calls).not.toContain('create demo-web-1');
    expect(fake.calls).toContain('start demo-other-1');
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'error', resource: expect.objectContaining({ name: 'demo-api-1' }) }),
    );
  });
});
