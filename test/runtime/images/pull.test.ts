// Pulling for real: Debian's docker-registry on 127.0.0.1, the busybox test image pushed by skopeo,
// and the image store pulling, listing, inspecting and removing it. Hostile registries (tampered
// blobs, lying configs, escaping layers) must leave no image and nothing half written.
// Skipped, with the missing program named, where the registry tools are not installed
// (scripts/setup.sh installs them).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { PullProgress } from '../../../runtime/api/engine-types.js';
import { ImageStore } from '../../../runtime/images/image-store.js';
import {
  missingRegistryProgram,
  pushBusybox,
  startRegistry,
  type TestRegistry,
} from '../../support/registry.js';
import { buildTar, gzip, sha256 } from './layer-tar.js';
import { blob, imageBlobs, pushLayout } from './oci-layout.js';

const missing = await missingRegistryProgram();
const isRoot = process.getuid?.() === 0;
const GZIP_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

describe.skipIf(missing !== undefined)(
  `pulling from a real registry${missing ? ` (skipped: ${missing} is missing)` : ''}`,
  () => {
    let registry: TestRegistry;
    let busybox: { reference: string; digest: string };
    let dir: string;
    let store: ImageStore;

    beforeAll(async () => {
      registry = await startRegistry();
      busybox = await pushBusybox(registry);
    }, 120_000);
    afterAll(async () => registry?.stop());

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'tscompose-images-'));
      store = new ImageStore(dir);
      onTestFinished(() => rm(dir, { recursive: true, force: true }));
    });

    const pull = async (reference: string): Promise<{ events: PullProgress[]; id: string }> => {
      const events: PullProgress[] = [];
      const record = await store.pull(reference, { onProgress: (event) => events.push(event) });
      return { events, id: record.id };
    };

    /** Everything the store holds on disk, minus the index: blobs, layers, temporary files. */
    const storeFiles = async (): Promise<string[]> => {
      const found: string[] = [];
      for (const sub of ['blobs/sha256', 'blobs/tmp', 'layers/sha256', 'layers/tmp']) {
        const path = join(dir, sub);
        if (existsSync(path)) found.push(...(await readdir(path)).map((name) => `${sub}/${name}`));
      }
      return found;
    };

    it('pulls busybox under the digest the registry serves, with Docker progress lines', async () => {
      const { events, id } = await pull(busybox.reference);
      const statuses = events.map((e) => e.status);
      expect(statuses[0]).toBe('Pulling from busybox');
      expect(statuses).toEqual(
        expect.arrayContaining([
          'Pulling fs layer',
          'Verifying Checksum',
          'Download complete',
          'Extracting',
          'Pull complete',
        ]),
      );
      expect(statuses.slice(-2)).toEqual([
        `Digest: ${busybox.digest}`,
        `Status: Downloaded newer image for ${busybox.reference}`,
      ]);

      const inspect = await store.inspect(busybox.reference);
      const skopeoConfig = JSON.parse(
        execFileSync(
          'skopeo',
          ['inspect', '--tls-verify=false', '--config', `docker://${busybox.reference}`],
          { encoding: 'utf8' },
        ),
      ) as { rootfs: { diff_ids: string[] } };
      expect(inspect).toMatchObject({
        Id: id,
        RepoTags: [busybox.reference],
        RepoDigests: [`${registry.host}/busybox@${busybox.digest}`],
        Architecture: 'amd64',
        Os: 'linux',
        Config: { Cmd: ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
        RootFS: { Type: 'layers', Layers: skopeoConfig.rootfs.diff_ids },
      });
      expect(inspect.Size).toBeGreaterThan(1_000_000);
      const configBytes = execFileSync('skopeo', [
        'inspect',
        '--tls-verify=false',
        '--raw',
        '--config',
        `docker://${busybox.reference}`,
      ]);
      expect(id).toBe(sha256(configBytes));

      const [layer] = store.layerDirs(await store.get(id));
      expect(layer).toBeDefined();
      const sh = join(layer ?? '', 'bin', 'sh');
      expect(readFileSync(join(layer ?? '', 'etc', 'passwd'), 'utf8')).toContain('nobody:x:65534');
      expect(statSync(join(layer ?? '', 'tmp')).mode & 0o7777).toBe(0o1777);
      expect(existsSync(sh)).toBe(true);
      if (isRoot) expect(statSync(join(layer ?? '', 'bin', 'busybox'))).toMatchObject({ uid: 0, gid: 0 });

      expect(await store.list()).toEqual([
        expect.objectContaining({
          Id: id,
          RepoTags: [busybox.reference],
          Size: inspect.Size,
          Containers: -1,
        }),
      ]);
      expect(await store.config(await store.get(id))).toMatchObject({ Cmd: ['sh'] });
    });

    it('pulls again as "up to date", fetching nothing', async () => {
      await pull(busybox.reference);
      const { events } = await pull(busybox.reference);
      expect(events.map((e) => e.status)).toEqual([
        'Pulling from busybox',
        `Digest: ${busybox.digest}`,
        `Status: Image is up to date for ${busybox.reference}`,
      ]);
    });

    it('finds the image by id, id prefix, digest and name; a reopened store still has it', async () => {
      const { id } = await pull(busybox.reference);
      const reopened = new ImageStore(dir);
      for (const name of [
        id,
        id.slice(7, 19),
        `${registry.host}/busybox@${busybox.digest}`,
        `${registry.host}/busybox`,
      ]) {
        expect((await reopened.find(name))?.id).toBe(id);
      }
    });

    it('pulls by digest, and a second tag shares the layers ("Already exists")', async () => {
      const byDigest = `${registry.host}/busybox@${busybox.digest}`;
      const first = await pull(byDigest);
      expect(first.events.at(-1)?.status).toBe(`Status: Downloaded newer image for ${byDigest}`);
      expect(await store.inspect(byDigest)).toMatchObject({ RepoTags: [], RepoDigests: [byDigest] });
      const again = await pull(byDigest);
      expect(again.events.at(-1)?.status).toBe(`Status: Image is up to date for ${byDigest}`);
      const tagged = await pull(busybox.reference);
      expect(tagged.id).toBe(first.id);
      expect(tagged.events.at(-1)?.status).toBe(`Status: Downloaded newer image for ${busybox.reference}`);
    });

    it('removes: untags, then deletes the image with its layers and blobs', async () => {
      const { id } = await pull(busybox.reference);
      const layerDir = store.layerDirs(await store.get(id))[0] ?? '';
      const diffIds = (await store.inspect(id)).RootFS.Layers;
      expect(await store.remove(busybox.reference, { force: false })).toEqual([
        { Untagged: busybox.reference },
        { Untagged: `${registry.host}/busybox@${busybox.digest}` },
        { Deleted: id },
        ...diffIds.map((diffId) => ({ Deleted: diffId })),
      ]);
      expect(await store.list()).toEqual([]);
      expect(existsSync(layerDir)).toBe(false);
      expect(await storeFiles()).toEqual([]);
      await expect(store.inspect(busybox.reference)).rejects.toThrow(`No such image: ${busybox.reference}`);
    });

    it('asks the containers hook before removing, and keeps an image a container uses', async () => {
      const users = [{ id: 'c0ffee000000000000000000', running: false }];
      const guarded = new ImageStore(dir, { containersUsing: () => users });
      const { id } = await guarded.pull(busybox.reference);
      await expect(guarded.remove(busybox.reference, { force: false })).rejects.toMatchObject({
        statusCode: 409,
        message: expect.stringContaining('container c0ffee000000 is using its referenced image'),
      });
      const removed = await guarded.remove(busybox.reference, { force: true });
      expect(removed.some((r) => 'Deleted' in r)).toBe(false);
      expect(existsSync(guarded.layerDirs(await guarded.get(id))[0] ?? '')).toBe(true);
    });

    it('an aborted pull leaves no image and no temporary files', async () => {
      const abort = new AbortController();
      const attempt = store.pull(busybox.reference, {
        signal: abort.signal,
        onProgress: (event) => {
          if (event.status === 'Pulling fs layer') abort.abort(new Error('user pressed Ctrl-C'));
        },
      });
      await expect(attempt).rejects.toThrow();
      expect(await store.list()).toEqual([]);
      expect((await storeFiles()).filter((f) => f.startsWith('layers/') || f.includes('/tmp/'))).toEqual([]);
    });

    it('removes what an interrupted pull left behind when the store opens', async () => {
      await pull(busybox.reference);
      mkdirSync(join(dir, 'blobs', 'tmp'), { recursive: true });
      mkdirSync(join(dir, 'layers', 'tmp', 'unpack-crashed', 'diff'), { recursive: true });
      writeFileSync(join(dir, 'blobs', 'tmp', 'half-a-blob'), 'x');
      const reopened = new ImageStore(dir);
      expect(await reopened.list()).toHaveLength(1);
      expect((await storeFiles()).filter((f) => f.includes('/tmp/'))).toEqual([]);
    });

    it('reports a missing tag as 404', async () => {
      await expect(store.pull(`${registry.host}/busybox:nope`)).rejects.toMatchObject({
        statusCode: 404,
        message: expect.stringContaining(
          `manifest for ${registry.host}/busybox:nope not found: MANIFEST_UNKNOWN`,
        ),
      });
    });

    it('chooses this platform from a multi-platform index', async () => {
      const layerTar = await buildTar([{ name: 'hello', content: 'amd64' }]);
      const layer = blob(GZIP_LAYER, gzip(layerTar));
      const amd64 = imageBlobs([layer], [sha256(layerTar)]);
      const armTar = await buildTar([{ name: 'hello', content: 'arm64' }]);
      const armLayer = blob(GZIP_LAYER, gzip(armTar));
      const arm64 = imageBlobs([armLayer], [sha256(armTar)], { architecture: 'arm64', os: 'linux' });
      const index = blob('application/vnd.oci.image.index.v1+json', {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          {
            ...descriptorOf(arm64.manifest),
            platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
          },
          { ...descriptorOf(amd64.manifest), platform: { architecture: 'amd64', os: 'linux' } },
        ],
      });
      const layout = await mkdtemp(join(tmpdir(), 'tscompose-layout-'));
      onTestFinished(() => rm(layout, { recursive: true, force: true }));
      const reference = `${registry.host}/multi:latest`;
      await pushLayout(
        layout,
        [layer, armLayer, amd64.config, amd64.manifest, arm64.config, arm64.manifest, index],
        index,
        reference,
      );

      const amdStore = new ImageStore(dir, { platform: { os: 'linux', architecture: 'amd64' } });
      const record = await amdStore.pull(reference);
      expect(record).toMatchObject({
        id: amd64.config.digest,
        manifestDigest: amd64.manifest.digest,
        repoDigests: [`${registry.host}/multi@${index.digest}`],
      });
      expect(readFileSync(join(amdStore.layerDirs(record)[0] ?? '', 'hello'), 'utf8')).toBe('amd64');

      const armStore = new ImageStore(join(dir, 'arm'), {
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      });
      expect((await armStore.pull(reference)).id).toBe(arm64.config.digest);
    });

    describe('hostile content leaves no image and nothing half written', () => {
      const pushCrafted = async (name: string, layerBytes: Buffer, diffId: string): Promise<string> => {
        const layer = blob(GZIP_LAYER, layerBytes);
        const { config, manifest } = imageBlobs([layer], [diffId]);
        const layout = await mkdtemp(join(tmpdir(), 'tscompose-layout-'));
        onTestFinished(() => rm(layout, { recursive: true, force: true }));
        const reference = `${registry.host}/${name}:latest`;
        await pushLayout(layout, [layer, config, manifest], manifest, reference);
        return reference;
      };

      /** The registry's copy of a blob, for tampering (distribution serves it without checking). */
      const registryBlob = (digest: string): string =>
        join(
          registry.storageDir,
          'docker/registry/v2/blobs/sha256',
          digest.slice(7, 9),
          digest.slice(7),
          'data',
        );

      const expectNothingLeft = async (): Promise<void> => {
        expect(await store.list()).toEqual([]);
        const files = await storeFiles();
        expect(files.filter((f) => f.startsWith('layers/') || f.includes('/tmp/'))).toEqual([]);
      };

      it('refuses a layer whose entries climb out of it', async () => {
        const outside = await mkdtemp(join(tmpdir(), 'tscompose-outside-'));
        onTestFinished(() => rm(outside, { recursive: true, force: true }));
        const tar = await buildTar([
          { name: 'ok', content: 'fine' },
          { name: 'evil', type: 'symlink', linkname: outside },
          { name: 'evil/pwned', content: 'x' },
        ]);
        const reference = await pushCrafted('escape', gzip(tar), sha256(tar));
        await expect(store.pull(reference)).rejects.toThrow('would be written through a symlink');
        expect(readdirSync(outside)).toEqual([]);
        await expectNothingLeft();
      });

      it('refuses a layer of ../../ entries', async () => {
        const tar = await buildTar([{ name: '../../tscompose-pwned', content: 'x' }]);
        const reference = await pushCrafted('dotdot', gzip(tar), sha256(tar));
        await expect(store.pull(reference)).rejects.toThrow('points outside the layer');
        expect(existsSync(join(dir, '..', 'tscompose-pwned'))).toBe(false);
        await expectNothingLeft();
      });

      it('refuses a config whose diff id does not match the layer', async () => {
        const tar = await buildTar([{ name: 'a', content: 'a' }]);
        const reference = await pushCrafted('liar', gzip(tar), sha256(Buffer.from('another layer')));
        await expect(store.pull(reference)).rejects.toThrow('but the image config says');
        await expectNothingLeft();
        expect(await storeFiles()).not.toContain(`blobs/sha256/${sha256(gzip(tar)).slice(7)}`);
      });

      it('refuses a blob whose content does not match its digest', async () => {
        const tar = await buildTar([{ name: 'a', content: 'original' }]);
        const layerBytes = gzip(tar);
        const reference = await pushCrafted('tampered', layerBytes, sha256(tar));
        const forged = gzip(await buildTar([{ name: 'a', content: 'forgery!' }]));
        expect(forged.length).toBe(layerBytes.length);
        writeFileSync(registryBlob(sha256(layerBytes)), forged);
        await expect(store.pull(reference)).rejects.toThrow('failed verification');
        await expectNothingLeft();
      });

      it('refuses a truncated blob (size and gzip both wrong)', async () => {
        const tar = await buildTar([{ name: 'a', content: 'x'.repeat(50_000) }]);
        const layerBytes = gzip(tar);
        const reference = await pushCrafted('truncated', layerBytes, sha256(tar));
        await truncate(registryBlob(sha256(layerBytes)), Math.floor(layerBytes.length / 2));
        await expect(store.pull(reference)).rejects.toThrow(/truncated|gzip|bytes/);
        await expectNothingLeft();
      });
    });
  },
);

function descriptorOf(b: { mediaType: string; digest: string; size: number }): {
  mediaType: string;
  digest: string;
  size: number;
} {
  return { mediaType: b.mediaType, digest: b.digest, size: b.size };
}
