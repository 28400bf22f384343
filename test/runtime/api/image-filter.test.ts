/** Docker's image list filters: reference globs, dangling, labels. */
import { describe, expect, it } from 'vitest';
import type { ImageSummary, ListFilters } from '../../../runtime/api/engine-types.js';
import { imageFilter } from '../../../runtime/api/image-filter.js';

function image(tags: string[], labels: Record<string, string> = {}): ImageSummary {
  return {
    Id: 'sha256:x',
    ParentId: '',
    RepoTags: tags,
    RepoDigests: [],
    Created: 0,
    Size: 0,
    SharedSize: -1,
    Labels: labels,
    Containers: -1,
  };
}

const busybox = image(['busybox:latest', 'busybox:1.36']);
const local = image(['127.0.0.1:5000/tools/busybox:1'], { team: 'a' });
const untagged = image([]);

describe('imageFilter', () => {
  it.each([
    { name: 'no filters', filters: {}, image: untagged, expected: true },
    { name: 'a name without tag', filters: { reference: ['busybox'] }, image: busybox, expected: true },
    { name: 'a name with tag', filters: { reference: ['busybox:1.36'] }, image: busybox, expected: true },
    { name: 'a tag glob', filters: { reference: ['busybox:1.*'] }, image: busybox, expected: true },
    { name: 'another tag', filters: { reference: ['busybox:2'] }, image: busybox, expected: false },
    {
      name: 'a registry with a port',
      filters: { reference: ['127.0.0.1:5000/tools/busybox'] },
      image: local,
      expected: true,
    },
    {
      name: '* stops at a slash',
      filters: { reference: ['127.0.0.1:5000/*'] },
      image: local,
      expected: false,
    },
    {
      name: '* within a segment',
      filters: { reference: ['127.0.0.1:5000/*/busybox'] },
      image: local,
      expected: true,
    },
    {
      name: 'either of two references',
      filters: { reference: ['alpine', 'busybox'] },
      image: busybox,
      expected: true,
    },
    {
      name: 'dangling=true on an untagged image',
      filters: { dangling: ['true'] },
      image: untagged,
      expected: true,
    },
    {
      name: 'dangling=true on a tagged image',
      filters: { dangling: ['true'] },
      image: busybox,
      expected: false,
    },
    {
      name: 'dangling=false on a tagged image',
      filters: { dangling: ['false'] },
      image: busybox,
      expected: true,
    },
    { name: 'a label key', filters: { label: ['team'] }, image: local, expected: true },
    { name: 'a label value', filters: { label: ['team=b'] }, image: local, expected: false },
  ] as { name: string; filters: ListFilters; image: ImageSummary; expected: boolean }[])(
    '$name → $expected',
    ({ filters, image: candidate, expected }) => {
      expect(imageFilter(filters)(candidate)).toBe(expected);
    },
  );

  it.each([{ filters: { before: ['x'] } }, { filters: { dangling: ['maybe'] } }] as {
    filters: ListFilters;
  }[])('refuses $filters with a 400', ({ filters }) => {
    expect(() => imageFilter(filters)).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});
