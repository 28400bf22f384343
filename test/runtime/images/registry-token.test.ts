// Bearer-token auth for real: docker-registry configured for tokens (as Docker Hub is), with the
// token issuer from test/support/registry.ts. The client must answer the 401 challenge, ask for
// the repository's pull scope, and send Basic credentials to the issuer when it has them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ImageStore } from '../../../runtime/images/image-store.js';
import {
  missingRegistryProgram,
  pushBusybox,
  startRegistry,
  type TestRegistry,
} from '../../support/registry.js';

const missing = await missingRegistryProgram();

const newStore = async (): Promise<ImageStore> => {
  const dir = await mkdtemp(join(tmpdir(), 'tscompose-images-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return new ImageStore(dir);
};

describe.skipIf(missing !== undefined)(
  `a registry that wants bearer tokens${missing ? ` (skipped: ${missing} is missing)` : ''}`,
  () => {
    describe('anonymous tokens, as Docker Hub gives for public images', () => {
      let registry: TestRegistry;
      let busybox: { reference: string; digest: string };
      beforeAll(async () => {
        registry = await startRegistry({ auth: 'token' });
        busybox = await pushBusybox(registry);
      }, 120_000);
      afterAll(async () => registry?.stop());

      it('answers the challenge with a token for the pull scope', async () => {
        const store = await newStore();
        registry.tokenRequests.length = 0;
        const record = await store.pull(busybox.reference);
        expect(record.repoDigests).toEqual([`${registry.host}/busybox@${busybox.digest}`]);
        expect(registry.tokenRequests).toEqual([
          { scope: ['repository:busybox:pull'], service: 'tscompose-test-registry', user: undefined },
        ]);
      });

      it('the registry itself refuses a request without a token', async () => {
        const response = await fetch(`http://${registry.host}/v2/busybox/manifests/latest`);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(
          /^Bearer realm="http:\/\/127\.0\.0\.1:\d+\/token"/,
        );
      });
    });

    describe('tokens for users only', () => {
      let registry: TestRegistry;
      let busybox: { reference: string; digest: string };
      const credentials = { user: 'alice', password: 's3cret' };
      beforeAll(async () => {
        registry = await startRegistry({ auth: 'token', users: { alice: 's3cret' } });
        busybox = await pushBusybox(registry, 'private/busybox:latest', credentials);
      }, 120_000);
      afterAll(async () => registry?.stop());

      it('refuses an anonymous pull with 401', async () => {
        const store = await newStore();
        await expect(store.pull(busybox.reference)).rejects.toMatchObject({
          statusCode: 401,
          message: expect.stringContaining('refused the credentials'),
        });
        expect(await store.list()).toEqual([]);
      });

      it('pulls with the credentials, sent to the token issuer as Basic auth', async () => {
        const store = await newStore();
        registry.tokenRequests.length = 0;
        await store.pull(busybox.reference, { auth: { username: 'alice', password: 's3cret' } });
        expect(registry.tokenRequests).toEqual([
          { scope: ['repository:private/busybox:pull'], service: 'tscompose-test-registry', user: 'alice' },
        ]);
      });

      it('refuses a wrong password with 401', async () => {
        const store = await newStore();
        await expect(
          store.pull(busybox.reference, { auth: { username: 'alice', password: 'wrong' } }),
        ).rejects.toMatchObject({
          statusCode: 401,
        });
      });
    });
  },
);
