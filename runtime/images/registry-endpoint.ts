/**
 * The base URL of a registry: Docker Hub's `docker.io` is served from `registry-1.docker.io`;
 * loopback registries (`localhost`, 127.0.0.0/8, `[::1]`) speak plain HTTP, as Docker allows
 * without configuration; every other registry is HTTPS. Pure.
 */
import { DOCKER_HUB_DOMAIN } from './image-reference.js';

const DOCKER_HUB_ENDPOINT = 'https://registry-1.docker.io';

export function registryBaseUrl(domain: string): string {
  if (domain === DOCKER_HUB_DOMAIN) return DOCKER_HUB_ENDPOINT;
  return `${isLoopback(domain) ? 'http' : 'https'}://${domain}`;
}

/** Whether `domain` (a host with an optional port) names this machine's loopback interface. */
export function isLoopback(domain: string): boolean {
  const host = domain.startsWith('[')
    ? domain.slice(0, domain.indexOf(']') + 1)
    : (domain.split(':')[0] ?? '');
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}
