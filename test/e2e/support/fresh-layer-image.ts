/**
 * An image no engine has pulled before, in full: the suite's busybox image plus one layer of
 * random bytes, pushed to the registry under a new name. The engine keeps layers by digest, so an
 * image that only renamed busybox would pull no layer at all once any test used busybox; this
 * one always downloads its last layer. Built with skopeo and umoci (rootless), as the suite's
 * registry helper builds busybox.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pushes `<registry>/<name>` = `base` + a layer with `/filler` of `fillerBytes` random bytes. */
export async function pushFreshLayerImage(
  registry: string,
  base: string,
  name: string,
  fillerBytes: number,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tscompose-e2e-image-'));
  try {
    const layout = join(dir, 'layout');
    await run('skopeo', [
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      `docker://${base}`,
      `oci:${layout}:base`,
    ]);
    const layer = join(dir, 'layer');
    await mkdir(layer);
    // Random bytes do not compress: the layer weighs what the filler weighs.
    await writeFile(join(layer, 'filler'), randomBytes(fillerBytes));
    const rootless = process.getuid?.() === 0 ? [] : ['--rootless'];
    await run('umoci', ['insert', ...rootless, '--image', `${layout}:base`, '--tag', 'fresh', layer, '/']);
    await run('skopeo', [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `oci:${layout}:fresh`,
      `docker://${registry}/${name}`,
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
