/**
 * The API's ImageService over the images helper's ImageStore: maps the header's credentials to
 * the store's, applies Docker's list filters, and publishes Docker's image events (`pull`,
 * `untag`, `delete`), which the store, knowing nothing of the bus, does not.
 */
import type { ImageStore } from '../../images/image-store.js';
import type { EventBus } from '../../events.js';
import type { ImageService, RegistryAuth } from '../engine-services.js';
import { imageFilter } from '../image-filter.js';

export function imageServiceOver(store: ImageStore, bus: EventBus): ImageService {
  return {
    async pull(reference, options) {
      await store.pull(reference, {
        onProgress: options.onProgress,
        ...(options.signal && { signal: options.signal }),
        ...(options.auth && { auth: credentials(options.auth) }),
      });
      bus.publish({
        type: 'image',
        action: 'pull',
        id: reference,
        attributes: { name: withoutTag(reference) },
      });
    },
    async list({ filters }) {
      const keep = imageFilter(filters);
      return (await store.list()).filter(keep);
    },
    inspect: (name) => store.inspect(name),
    async remove(name, { force }) {
      const items = await store.remove(name, { force });
      for (const item of items) {
        if ('Untagged' in item)
          bus.publish({ type: 'image', action: 'untag', id: item.Untagged, attributes: { name } });
        else bus.publish({ type: 'image', action: 'delete', id: item.Deleted, attributes: { name } });
      }
      return items;
    },
  };
}

function credentials(auth: RegistryAuth) {
  return {
    ...(auth.username !== undefined && { username: auth.username }),
    ...(auth.password !== undefined && { password: auth.password }),
    ...(auth.identitytoken !== undefined && { identityToken: auth.identitytoken }),
    ...(auth.registrytoken !== undefined && { registryToken: auth.registrytoken }),
  };
}

function withoutTag(reference: string): string {
  const at = reference.indexOf('@');
  const name = at < 0 ? reference : reference.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}
