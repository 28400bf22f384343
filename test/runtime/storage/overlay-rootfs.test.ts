import { describe, expect, it } from 'vitest';
import { parseMountPoints } from '../../../runtime/storage/mount-table.js';
import { overlayMountCommand, rootfsLayout } from '../../../runtime/storage/overlay-rootfs.js';

const layout = rootfsLayout('/data/containers/abc/rootfs');
const layers = ['/data/images/layers/l1', '/data/images/layers/l2', '/data/images/layers/l3'];

describe('overlayMountCommand', () => {
  it('native overlay: short relative links, topmost layer first, run in the rootfs folder', () => {
    expect(overlayMountCommand(layout, layers, 'overlay')).toEqual({
      file: 'mount',
      args: [
        '-t',
        'overlay',
        'overlay',
        '-o',
        'lowerdir=l/2:l/1:l/0,upperdir=upper,workdir=work',
        '/data/containers/abc/rootfs/merged',
      ],
      cwd: '/data/containers/abc/rootfs',
    });
  });

  it('native overlay stays within a page for a deep image', () => {
    const deep = Array.from(
      { length: 120 },
      (_, index) => `/home/someone/.local/share/tscompose/images/layers/${String(index).padStart(64, '0')}`,
    );
    const options = overlayMountCommand(layout, deep, 'overlay').args[4] ?? '';
    expect(options.length).toBeLessThan(4096);
  });

  it('fuse-overlayfs: absolute paths', () => {
    expect(overlayMountCommand(layout, layers, 'fuse-overlayfs')).toEqual({
      file: 'fuse-overlayfs',
      args: [
        '-o',
        'lowerdir=/data/images/layers/l3:/data/images/layers/l2:/data/images/layers/l1,upperdir=/data/containers/abc/rootfs/upper,workdir=/data/containers/abc/rootfs/work',
        '/data/containers/abc/rootfs/merged',
      ],
      cwd: '/data/containers/abc/rootfs',
    });
  });

  it('an image without layers mounts an empty lower folder', () => {
    expect(overlayMountCommand(layout, [], 'overlay').args[4]).toBe(
      'lowerdir=empty,upperdir=upper,workdir=work',
    );
  });

  it('refuses paths that overlay options cannot carry', () => {
    expect(() => overlayMountCommand(layout, ['/data/a,b'], 'overlay')).toThrow('contains "," or ":"');
  });
});

describe('parseMountPoints', () => {
  it('reads field 5 and decodes octal escapes', () => {
    const text = [
      '22 1 0:21 / /proc rw,nosuid - proc proc rw',
      '98 22 0:50 / /data/with\\040space/merged rw - overlay overlay rw,lowerdir=x',
      '',
    ].join('\n');
    expect(parseMountPoints(text)).toEqual(['/proc', '/data/with space/merged']);
  });
});
