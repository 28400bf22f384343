/**
 * A named volume outlives its containers until `down -v` (fixtures/named-volume).
 *
 * Scenario: store writes a random id into its volume on its first start and serves it. After
 * `down` and `up` a new container serves the same id (the file survived); after `down -v` the
 * volume is gone and the next start writes a new id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOk } from './support/commands.js';
import { composeProject, type ComposeProject } from './support/compose-project.js';
import { projectContainerIds } from './support/container-ids.js';
import { freeTcpPort } from '../support/free-port.js';
import { httpTextOrError } from '../support/http-probe.js';

const NAME = 'e2e-named-volume';
const VOLUME = `${NAME}_notes`;

async function volumes(): Promise<string[]> {
  return (await dockerOk(['volume', 'ls', '--format', '{{.Name}}'])).split('\n');
}

describe('a named volume', () => {
  let project: ComposeProject;
  let port: number;

  /** `up -d`, then the id the store serves once it answers. */
  async function upAndReadId(): Promise<string> {
    await project.ok(['up', '-d']);
    await expect
      .poll(() => httpTextOrError(port, '/first-boot'), { timeout: 10_000 })
      .toMatch(/^[0-9a-f-]{36}\n$/);
    return httpTextOrError(port, '/first-boot');
  }

  beforeAll(async () => {
    port = await freeTcpPort();
    project = await composeProject({ fixture: 'named-volume', name: NAME, env: { STORE_PORT: `${port}` } });
  });

  afterAll(async () => {
    await project?.remove();
  });

  it('keeps its files across down and up, and is removed by down -v', async () => {
    const first = await upAndReadId();
    const firstContainer = (await projectContainerIds(NAME))[`${NAME}-store-1`];

    await project.ok(['down']);
    expect(await volumes()).toContain(VOLUME);
    expect(await upAndReadId()).toBe(first);
    expect((await projectContainerIds(NAME))[`${NAME}-store-1`]).not.toBe(firstContainer);

    await project.ok(['down', '-v']);
    expect(await volumes()).not.toContain(VOLUME);
    expect(await upAndReadId()).not.toBe(first);
  });
});
