/**
 * Container ids and names, Docker's way: ids are 64 random hex digits; names match
 * `[a-zA-Z0-9][a-zA-Z0-9_.-]+`, are stored with a leading slash and are unique; a container is
 * found by its full id, then its name, then a unique id prefix.
 *
 * Without a requested name the container is named after its short id (Docker's adjective_surname
 * names are decoration; compose always names its containers).
 */
import { randomBytes } from 'node:crypto';
import { badRequest, notFound } from '../status-error.js';

const NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function newContainerId(): string {
  return randomBytes(32).toString('hex');
}

/** The stored form (`/web-1`) of a requested name, or the generated one. */
export function containerName(requested: string | undefined, id: string): string {
  if (requested === undefined || requested === '') return `/${id.slice(0, 12)}`;
  if (!NAME.test(requested))
    throw badRequest(`Invalid container name (${requested}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  return requested.startsWith('/') ? requested : `/${requested}`;
}

export function findByReference<T extends { Id: string; Name: string }>(
  records: Iterable<T>,
  reference: string,
): T {
  const all = [...records];
  const byId = all.find((record) => record.Id === reference);
  if (byId) return byId;
  const name = reference.startsWith('/') ? reference : `/${reference}`;
  const byName = all.find((record) => record.Name === name);
  if (byName) return byName;
  const byPrefix =
    reference.length > 0 && /^[0-9a-f]+$/.test(reference)
      ? all.filter((record) => record.Id.startsWith(reference))
      : [];
  if (byPrefix.length === 1 && byPrefix[0]) return byPrefix[0];
  if (byPrefix.length > 1) throw badRequest(`multiple IDs found with provided prefix: ${reference}`);
  throw notFound(`No such container: ${reference}`);
}
