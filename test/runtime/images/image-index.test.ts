// Looking images up and removing them, Docker's way, on an index held in memory.
import { describe, expect, it } from 'vitest';
import { ImageConflictError, ImageNotFoundError } from '../../../runtime/images/image-errors.js';
import {
  findImage,
  tagImage,
  type ImageIndex,
  type ImageRecord,
} from '../../../runtime/images/image-index.js';
import { planImageRemoval } from '../../../runtime/images/plan-image-removal.js';

const hex = (c: string): string => c.repeat(64);
const image = (id: string, repoTags: string[], repoDigests: string[] = []): ImageRecord => ({
  id: `sha256:${id}`,
  repoTags,
  repoDigests,
  manifestDigest: `sha256:${hex('f')}`,
  layers: [],
  created: '',
  architecture: 'amd64',
  os: 'linux',
  lastTagTime: '',
});
const busybox = image(hex('a'), ['busybox:latest', 'busybox:1'], [`busybox@sha256:${hex('d')}`]);
const local = image(
  hex('b'),
  ['127.0.0.1:5000/busybox:latest'],
  [`127.0.0.1:5000/busybox@sha256:${hex('e')}`],
);
const twoRepos = image(`ab${hex('c').slice(2)}`, ['one:latest', 'two:latest']);
const dangling = image(`ac${hex('9').slice(2)}`, []);
const index: ImageIndex = { version: 1, images: [busybox, local, twoRepos, dangling] };

describe('findImage', () => {
  it.each([
    { name: 'a name means :latest', input: 'busybox', found: busybox },
    { name: 'a tag', input: 'busybox:1', found: busybox },
    { name: 'the long name', input: 'docker.io/library/busybox:latest', found: busybox },
    { name: 'a registry name', input: '127.0.0.1:5000/busybox', found: local },
    { name: 'a repo digest', input: `busybox@sha256:${hex('d')}`, found: busybox },
    { name: 'a full id', input: `sha256:${hex('b')}`, found: local },
    { name: 'a bare full id', input: hex('b'), found: local },
    { name: 'an id prefix', input: 'bbbbbb', found: local },
    { name: 'an id prefix with algorithm', input: 'sha256:aaaa', found: busybox },
    { name: 'a missing tag', input: 'busybox:2', found: undefined },
    { name: 'a digest of another repository', input: `other@sha256:${hex('d')}`, found: undefined },
    { name: 'not a name nor an id', input: 'NOPE', found: undefined },
  ])('$name: $input', ({ input, found }) => {
    expect(findImage(index, input)).toBe(found);
  });

  it('an ambiguous id prefix is an error', () => {
    expect(() => findImage(index, 'a')).toThrow('ambiguous image id prefix');
  });
});

describe('tagImage', () => {
  it('moves a tag from the image that had it', () => {
    const next = tagImage(index, local.id, 'busybox:1', 'T');
    expect(next.images.find((i) => i.id === busybox.id)?.repoTags).toEqual(['busybox:latest']);
    expect(next.images.find((i) => i.id === local.id)).toMatchObject({
      repoTags: ['127.0.0.1:5000/busybox:latest', 'busybox:1'],
      lastTagTime: 'T',
    });
  });
});

describe('planImageRemoval', () => {
  const stopped = { id: '1234567890abcdef', running: false };
  const running = { id: 'fedcba0987654321', running: true };
  it.each([
    {
      name: 'untagging one of two tags keeps the image',
      input: 'busybox:1',
      force: false,
      users: [],
      expected: { untag: ['busybox:1'], deleteImage: false },
    },
    {
      name: "the repository's last tag takes its digests along and deletes the image",
      input: '127.0.0.1:5000/busybox',
      force: false,
      users: [],
      expected: {
        untag: ['127.0.0.1:5000/busybox:latest', `127.0.0.1:5000/busybox@sha256:${hex('e')}`],
        deleteImage: true,
      },
    },
    {
      name: 'a forced untag of an image a container uses keeps its layers',
      input: '127.0.0.1:5000/busybox',
      force: true,
      users: [stopped],
      expected: { deleteImage: false },
    },
    {
      name: 'removal by id takes every reference',
      input: hex('a').slice(0, 12),
      force: false,
      users: [],
      expected: { untag: ['busybox:latest', 'busybox:1', `busybox@sha256:${hex('d')}`], deleteImage: true },
    },
    {
      name: 'a forced removal by id of an image in two repositories',
      input: twoRepos.id,
      force: true,
      users: [],
      expected: { untag: ['one:latest', 'two:latest'], deleteImage: true },
    },
    {
      name: 'a dangling image by id',
      input: dangling.id,
      force: false,
      users: [],
      expected: { untag: [], deleteImage: true },
    },
  ])('$name', ({ input, force, users, expected }) => {
    expect(planImageRemoval(index, input, { force, users })).toMatchObject(expected);
  });

  it.each([
    { name: 'missing', input: 'nothing:here', force: false, users: [], error: 'No such image: nothing:here' },
    {
      name: 'the only reference of an image a container uses',
      input: '127.0.0.1:5000/busybox',
      force: false,
      users: [stopped],
      error: `conflict: unable to remove repository reference "127.0.0.1:5000/busybox" (must force) - container 1234567890ab is using its referenced image bbbbbbbbbbbb`,
    },
    {
      name: 'by id, tagged in two repositories',
      input: twoRepos.id,
      force: false,
      users: [],
      error:
        'conflict: unable to delete abcccccccccc (must be forced) - image is referenced in multiple repositories',
    },
    {
      name: 'by id, used by a stopped container',
      input: local.id,
      force: false,
      users: [stopped],
      error:
        'conflict: unable to delete bbbbbbbbbbbb (must be forced) - image is being used by stopped container 1234567890ab',
    },
    {
      name: 'by id, used by a running container, even forced',
      input: local.id,
      force: true,
      users: [running],
      error:
        'conflict: unable to delete bbbbbbbbbbbb (cannot be forced) - image is being used by running container fedcba098765',
    },
  ])('refuses $name', ({ input, force, users, error }) => {
    const attempt = (): unknown => planImageRemoval(index, input, { force, users });
    expect(attempt).toThrow(error);
    expect(attempt).toThrow(error.startsWith('No such') ? ImageNotFoundError : ImageConflictError);
  });
});
