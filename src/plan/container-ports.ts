/**
 * `ports` and `expose` as the Engine API's ExposedPorts and PortBindings. The loader already
 * parsed the short syntax into one long-form entry per port (ranges expanded), so this only
 * regroups them by `<target>/<protocol>`; `expose` ranges (`5000-5001/udp`) are expanded here.
 */
import type { ServiceConfig } from '../compose/project.js';
import type { EmptyObjectSet, PortMap } from '../../runtime/api/engine-types.js';

export function exposedPorts(service: ServiceConfig): EmptyObjectSet {
  const ports: EmptyObjectSet = {};
  for (const port of service.ports ?? []) ports[`${port.target}/${port.protocol}`] = {};
  for (const entry of service.expose ?? []) {
    for (const key of expandExpose(String(entry))) ports[key] = {};
  }
  return ports;
}

export function portBindings(service: ServiceConfig): PortMap {
  const bindings: PortMap = {};
  for (const port of service.ports ?? []) {
    const key = `${port.target}/${port.protocol}`;
    const list = bindings[key] ?? [];
    list.push({ HostIp: port.host_ip ?? '', HostPort: port.published ?? '' });
    bindings[key] = list;
  }
  return bindings;
}

/** `4000` → `4000/tcp`; `5000-5001/udp` → `5000/udp`, `5001/udp`. */
function expandExpose(entry: string): string[] {
  const [range = '', protocol = 'tcp'] = entry.split('/');
  const [first = '', last = first] = range.split('-');
  const start = Number.parseInt(first, 10);
  const end = Number.parseInt(last, 10);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
    throw new Error(`invalid expose entry ${JSON.stringify(entry)}`);
  }
  const keys: string[] = [];
  for (let port = start; port <= end; port++) keys.push(`${port}/${protocol}`);
  return keys;
}
