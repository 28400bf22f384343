/** Route matching, the version prefix and version checks: pure tables. */
import { describe, expect, it } from 'vitest';
import {
  MAX_API_VERSION,
  MIN_API_VERSION,
  checkApiVersion,
  compareVersions,
  splitVersionPrefix,
} from '../../../runtime/api/api-version.js';
import { compileRoutes, matchRoute } from '../../../runtime/api/router.js';

const routes = compileRoutes([
  { method: 'GET', pattern: '/images/json', handler: 'list-images' },
  { method: 'GET', pattern: '/images/{name*}/json', handler: 'inspect-image' },
  { method: 'DELETE', pattern: '/images/{name*}', handler: 'remove-image' },
  { method: 'GET', pattern: '/containers/json', handler: 'list-containers' },
  { method: 'GET', pattern: '/containers/{id}/json', handler: 'inspect-container' },
  { method: 'POST', pattern: '/containers/{id}/start', handler: 'start' },
  { method: 'DELETE', pattern: '/containers/{id}', handler: 'remove-container' },
  { method: 'HEAD', pattern: '/_ping', handler: 'ping-head' },
  { method: 'GET', pattern: '/_ping', handler: 'ping' },
]);

describe('matchRoute', () => {
  it.each([
    { name: 'a fixed path', method: 'GET', path: '/images/json', handler: 'list-images', params: {} },
    {
      name: 'a one-segment parameter',
      method: 'GET',
      path: '/containers/abc123/json',
      handler: 'inspect-container',
      params: { id: 'abc123' },
    },
    {
      name: 'a trailing slash',
      method: 'POST',
      path: '/containers/web-1/start/',
      handler: 'start',
      params: { id: 'web-1' },
    },
    {
      name: 'an image name with a registry, path and tag',
      method: 'GET',
      path: '/images/127.0.0.1:5000/library/busybox:1.36/json',
      handler: 'inspect-image',
      params: { name: '127.0.0.1:5000/library/busybox:1.36' },
    },
    {
      name: 'an image name with a digest, URL-encoded',
      method: 'DELETE',
      path: `/images/busybox%40sha256%3A${'a'.repeat(64)}`,
      handler: 'remove-image',
      params: { name: `busybox@sha256:${'a'.repeat(64)}` },
    },
    { name: 'HEAD on its own route', method: 'HEAD', path: '/_ping', handler: 'ping-head', params: {} },
  ])('matches $name', ({ method, path, handler, params }) => {
    const match = matchRoute(routes, method, path);
    expect(match?.route.handler).toBe(handler);
    expect(match?.params).toEqual(params);
  });

  it.each([
    { name: 'an unknown path', method: 'GET', path: '/swarm' },
    { name: 'a known path with another method', method: 'PUT', path: '/containers/json' },
    { name: 'a parameter that would span segments', method: 'POST', path: '/containers/a/b/start' },
    { name: 'an empty parameter', method: 'GET', path: '/containers//json' },
  ])('refuses $name', ({ method, path }) => {
    expect(matchRoute(routes, method, path)).toBeUndefined();
  });
});

describe('splitVersionPrefix', () => {
  it.each([
    { path: '/v1.44/containers/json', version: '1.44', rest: '/containers/json' },
    { path: '/v1.41/_ping', version: '1.41', rest: '/_ping' },
    { path: '/containers/json', version: undefined, rest: '/containers/json' },
    { path: '/v1/containers/json', version: undefined, rest: '/v1/containers/json' },
    { path: '/v1.44', version: undefined, rest: '/v1.44' },
    { path: '/volumes/v1.2/x', version: undefined, rest: '/volumes/v1.2/x' },
  ])('$path → $version $rest', ({ path, version, rest }) => {
    expect(splitVersionPrefix(path)).toEqual({ version, path: rest });
  });
});

describe('API versions', () => {
  it.each([
    { a: '1.9', b: '1.41', expected: -1 },
    { a: '1.41', b: '1.41', expected: 0 },
    { a: '1.50', b: '1.44', expected: 1 },
    { a: '2.0', b: '1.99', expected: 1 },
  ])('compareVersions($a, $b) = $expected', ({ a, b, expected }) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  it.each([
    { version: MAX_API_VERSION, problem: undefined },
    { version: MIN_API_VERSION, problem: undefined },
    { version: '1.43', problem: undefined },
    { version: '1.50', problem: 'client version 1.50 is too new. Maximum supported API version is 1.44' },
    { version: '1.24', problem: 'client version 1.24 is too old. Minimum supported API version is 1.41' },
  ])('checkApiVersion($version)', ({ version, problem }) => {
    const answer = checkApiVersion(version);
    if (problem === undefined) expect(answer).toBeUndefined();
    else expect(answer).toContain(problem);
  });
});
