/**
 * The API's VolumeService over the storage helper's VolumeService, publishing Docker's volume
 * events (`create`, `destroy`), which the store, knowing nothing of the bus, does not. A create
 * that finds the volume already there is answered without an event, as Docker does.
 */
import type { EventBus } from '../../events.js';
import type { VolumeService as VolumeStore } from '../../storage/volume-service.js';
import type { VolumeService } from '../engine-services.js';

export function volumeServiceOver(store: VolumeStore, bus: EventBus): VolumeService {
  return {
    async create(request) {
      const existed = request.Name ? await store.exists(request.Name) : false;
      const volume = await store.create(request);
      if (!existed)
        bus.publish({
          type: 'volume',
          action: 'create',
          id: volume.Name,
          attributes: { driver: volume.Driver },
        });
      return volume;
    },
    list: ({ filters }) => store.list(filters),
    inspect: (name) => store.inspect(name),
    async remove(name, { force }) {
      const existed = await store.exists(name);
      await store.remove(name, { force });
      if (existed)
        bus.publish({ type: 'volume', action: 'destroy', id: name, attributes: { driver: 'local' } });
    },
    async prune({ filters }) {
      const pruned = await store.prune({ filters });
      for (const name of pruned.VolumesDeleted) {
        bus.publish({ type: 'volume', action: 'destroy', id: name, attributes: { driver: 'local' } });
      }
      return pruned;
    },
  };
}
