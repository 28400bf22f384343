/**
 * A one-layer busybox image made by hand from the host's static /bin/busybox, for container tests
 * that should not depend on the registry or the image store: a layer folder with the applets as
 * symlinks, /etc/passwd and /etc/group (root, nobody, app 1000), and an `ImageLookup` answering to
 * `busybox`. Built inside the namespace, so the files belong to the namespace's root.
 */
import { chmod, copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageLookup } from '../../../../runtime/containers/image-lookup.js';

const APPLETS = [
  'sh',
  'ls',
  'cat',
  'id',
  'echo',
  'sleep',
  'true',
  'false',
  'grep',
  'head',
  'wc',
  'env',
  'kill',
  'touch',
  'mkdir',
  'ps',
  'stat',
  'test',
  'hostname',
  'tr',
  'seq',
];
export const IMAGE_ID = `sha256:${'b'.repeat(64)}`;

export async function busyboxImage(dir: string): Promise<ImageLookup> {
  const layer = join(dir, 'busybox-layer');
  if (!existsSync(join(layer, 'bin', 'busybox'))) {
    for (const folder of ['bin', 'etc', 'root', 'home/app', 'proc', 'sys', 'dev'])
      await mkdir(join(layer, folder), { recursive: true });
    await mkdir(join(layer, 'tmp'), { recursive: true });
    await chmod(join(layer, 'tmp'), 0o1777);
    await copyFile('/bin/busybox', join(layer, 'bin', 'busybox'));
    await chmod(join(layer, 'bin', 'busybox'), 0o755);
    for (const applet of APPLETS) await symlink('busybox', join(layer, 'bin', applet));
    await writeFile(
      join(layer, 'etc', 'passwd'),
      'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\napp:x:1000:1000:app:/home/app:/bin/sh\n',
    );
    await writeFile(join(layer, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\napp:x:1000:\n');
  }
  return {
    find: async (reference) =>
      ['busybox', 'busybox:latest', IMAGE_ID].includes(reference)
        ? {
            id: IMAGE_ID,
            config: {
              Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
              Cmd: ['sh'],
            },
            layerDirs: [layer],
          }
        : undefined,
  };
}
