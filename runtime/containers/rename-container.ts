/**
 * `POST /containers/{id}/rename?name=`, Docker's rules (moby daemon/rename.go): the new name is
 * required and valid, differs from the current one (400), and no other container holds it (409).
 * Pure: it decides the stored name (`/new`); the container service writes the record.
 *
 * compose renames a replacement container, created under a temporary name and not yet started,
 * to the name of the one it replaces; that is the case this exists for.
 */
import { badRequest, conflict } from '../status-error.js';
import { containerName } from './container-names.js';

interface Named {
  readonly Id: string;
  readonly Name: string;
}

export function renamedName(
  records: Iterable<Named>,
  container: Named,
  requested: string | undefined,
): string {
  if (requested === undefined || requested === '') throw badRequest('Neither old nor new names may be empty');
  const stored = containerName(requested, container.Id);
  if (stored === container.Name)
    throw badRequest('Renaming a container with the same name as its current name');
  for (const record of records) {
    if (record.Id !== container.Id && record.Name === stored) {
      throw conflict(
        `Conflict. The container name "${stored}" is already in use by container "${record.Id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
  }
  return stored;
}
