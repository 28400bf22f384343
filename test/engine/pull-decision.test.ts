// Which images `up` pulls: `--pull` over each service's `pull_policy`, `missing` only when absent,
// services that build are not pulled unless told `always`, one pull per image.
import { describe, expect, it } from 'vitest';
import { imagesToPull, type PullOption } from '../../src/engine/pull-decision.js';
import { loadYaml } from '../plan/load-yaml.js';

const PROJECT = loadYaml(`
name: demo
services:
  a: {image: here}
  b: {image: absent}
  c: {image: absent}
  d: {image: pinned, pull_policy: always}
  e: {image: never-pulled, pull_policy: never}
  f: {image: built, build: .}
`);

const local = (reference: string) => reference === 'here' || reference === 'never-pulled';

describe('imagesToPull', () => {
  it.each<{ name: string; pull: PullOption; expected: string[] }>([
    {
      name: 'policy: each service its own, missing by default',
      pull: 'policy',
      expected: ['absent', 'pinned'],
    },
    {
      name: '--pull always: every image, built ones too',
      pull: 'always',
      expected: ['here', 'absent', 'pinned', 'never-pulled', 'built'],
    },
    { name: '--pull missing: the absent ones', pull: 'missing', expected: ['absent', 'pinned'] },
    { name: '--pull never: none', pull: 'never', expected: [] },
  ])('$name', ({ pull, expected }) => {
    expect(imagesToPull(PROJECT, { pull }, local).map((image) => image.reference)).toEqual(expected);
  });

  it('pulls an image once for all the services that run it', () => {
    expect(imagesToPull(PROJECT, { pull: 'policy' }, local)[0]).toEqual({
      reference: 'absent',
      services: ['b', 'c'],
    });
  });
});
