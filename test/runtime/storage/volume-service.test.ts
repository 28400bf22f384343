/**
 * Named volumes on a real folder (no namespace needed): Docker's Volume shape, labels, filters,
 * repeat creates, refusal of volumes in use, anonymous-only prune, and the bind form of the local
 * driver's options.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VolumeService } from '../../../runtime/storage/volume-service.js';

let dir: string;
let volumes: VolumeService;
const inUse = new Map<string, string[]>();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsc-volumes-'));
  volumes = new VolumeService(join(dir, 'volumes'), () => new Date('2024-05-01T10:00:00Z'));
  inUse.clear();
  volumes.setUsageProbe((name) => inUse.get(name) ?? []);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('VolumeService', () => {
  it('creates a volume in Docker shape, with its data folder', async () => {
    const volume = await volumes.create({ Name: 'data', Labels: { 'com.docker.compose.project': 'p' } });
    expect(volume).toEqual({
      Name: 'data',
      Driver: 'local',
      Mountpoint: join(dir, 'volumes', 'data', '_data'),
      CreatedAt: '2024-05-01T10:00:00.000Z',
      Labels: { 'com.docker.compose.project': 'p' },
      Scope: 'local',
      Options: null,
    });
    expect(readdirSync(volume.Mountpoint)).toEqual([]);
    expect(await volumes.inspect('data')).toEqual(volume);
  });

  it('a repeated create returns the existing volume unchanged', async () => {
    const first = await volumes.create({ Name: 'data', Labels: { a: '1' } });
    writeFileSync(join(first.Mountpoint, 'kept'), 'x');
    const again = await volumes.create({ Name: 'data', Labels: { b: '2' } });
    expect(again.Labels).toEqual({ a: '1' });
    expect(readdirSync(again.Mountpoint)).toEqual(['kept']);
  });

  it('no name: a random 64-hex name', async () => {
    expect((await volumes.create()).Name).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists with Docker filters: name, label, dangling', async () => {
    await volumes.create({ Name: 'app-data', Labels: { project: 'p' } });
    await volumes.create({ Name: 'app-cache' });
    await volumes.create({ Name: 'other' });
    inUse.set('app-cache', ['c1']);
    const names = async (filters: Record<string, string[]>) =>
      (await volumes.list(filters)).map((volume) => volume.Name);
    expect(await names({})).toEqual(['app-cache', 'app-data', 'other']);
    expect(await names({ name: ['app'] })).toEqual(['app-cache', 'app-data']);
    expect(await names({ label: ['project=p'] })).toEqual(['app-data']);
    expect(await names({ dangling: ['false'] })).toEqual(['app-cache']);
  });

  it('refuses to remove a volume in use (409), removes it once free', async () => {
    await volumes.create({ Name: 'data' });
    inUse.set('data', ['c1']);
    await expect(volumes.remove('data')).rejects.toMatchObject({
      statusCode: 409,
      message: 'remove data: volume is in use - [c1]',
    });
    inUse.delete('data');
    await volumes.remove('data');
    await expect(volumes.inspect('data')).rejects.toMatchObject({
      statusCode: 404,
      message: 'get data: no such volume',
    });
    expect(readdirSync(join(dir, 'volumes'))).toEqual([]);
  });

  it('remove of a missing volume: 404, or nothing with force', async () => {
    await expect(volumes.remove('ghost')).rejects.toMatchObject({ statusCode: 404 });
    await volumes.remove('ghost', { force: true });
  });

  it('prune removes unused anonymous volumes, and named ones with all', async () => {
    const anonymous = await volumes.create();
    const busy = await volumes.create();
    await volumes.create({ Name: 'named' });
    inUse.set(busy.Name, ['c1']);
    expect((await volumes.prune()).VolumesDeleted).toEqual([anonymous.Name]);
    expect((await volumes.prune({ all: true })).VolumesDeleted).toEqual(['named']);
  });

  it.each([
    { request: { Name: 'a' }, message: 'create a: "a" includes invalid characters for a local volume name' },
    { request: { Name: '../x' }, message: 'includes invalid characters' },
    { request: { Name: 'vv', Driver: 'nfs' }, message: 'volume driver "nfs" is not supported' },
    {
      request: { Name: 'vv', DriverOpts: { type: 'nfs', o: 'addr=1.2.3.4', device: ':/x' } },
      message: 'need root on the host',
    },
  ])('refuses $request (400)', async ({ request, message }) => {
    await expect(volumes.create(request)).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining(message),
    });
  });

  it('a bind-type volume names a host folder', async () => {
    const host = join(dir, 'host-folder');
    await volumes.create({ Name: 'bound', DriverOpts: { type: 'none', o: 'bind', device: host } });
    await expect(volumes.mountSource('bound')).rejects.toMatchObject({ statusCode: 400 });
    mkdirSync(host);
    expect(await volumes.mountSource('bound')).toBe(host);
    expect((await volumes.inspect('bound')).Options).toEqual({ type: 'none', o: 'bind', device: host });
  });
});
