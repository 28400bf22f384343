/**
 * The short port syntax, `[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, expanded to the long
 * form the way compose-go does it (docker/go-connections' `nat.ParsePortSpecs` and compose-go's
 * `types.ParsePortConfig`):
 *
 * - `80-82:8080-8082` gives one entry per container port, published `80`, `81`, `82`;
 * - `8000-8010:80` keeps the host range as one entry: the engine picks a free port in it;
 * - an IPv6 host address is written in brackets, `[::1]:80:80`;
 * - the protocol is lower-cased and must be tcp, udp or sctp;
 * - entries come out sorted by their `port/protocol` text, as compose-go sorts them, so
 *   `9999-10000` lists 10000 before 9999.
 *
 * Long-syntax entries are not this module's business: the canonical stage only coerces their
 * `published` to a string and `target` to a number.
 */
import { isIpAddress } from './is-ip-address.js';
import { failed, parsed, type ParseResult } from './parse-result.js';

/** One long-syntax port, keys in the order compose-go prints them. */
export interface ParsedPort {
  mode: 'ingress';
  host_ip?: string;
  target: number;
  published?: string;
  protocol: string;
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export function parsePortSpec(spec: string): ParseResult<ParsedPort[]> {
  const { rawIp, hostPort, containerPart } = splitParts(spec);
  const { protocol: rawProtocol, port: containerPort } = splitProtocol(containerPart);

  const host = splitHost(rawIp);
  if (!host.ok) return failed(`Invalid ip address ${rawIp}: ${host.error}`);
  if (host.value !== '' && !isIpAddress(host.value)) return failed(`Invalid ip address: ${host.value}`);
  if (containerPort === '') return failed(`No port specified: ${spec}<empty>`);

  const container = parsePortRange(containerPort);
  if (!container.ok) return failed(`Invalid containerPort: ${containerPort}`);
  let hostRange: [number, number] = [0, 0];
  if (hostPort !== '') {
    const range = parsePortRange(hostPort);
    if (!range.ok) return failed(`Invalid hostPort: ${hostPort}`);
    hostRange = range.value;
  }
  const [start, end] = container.value;
  const [hostStart, hostEnd] = hostRange;
  // A host range may differ in size from the container side only when that side is one port:
  // then the host range is a pool the engine allocates from.
  if (hostPort !== '' && end - start !== hostEnd - hostStart && end !== start) {
    return failed(`Invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  const protocol = rawProtocol.toLowerCase();
  if (!PROTOCOLS.has(protocol)) return failed(`Invalid proto: ${rawProtocol}`);

  const ports: ParsedPort[] = [];
  for (let offset = 0; offset <= end - start; offset++) {
    let published = hostPort === '' ? '' : String(hostStart + offset);
    if (start === end && hostStart !== hostEnd) published = `${published}-${hostEnd}`;
    const port: ParsedPort = { mode: 'ingress', target: start + offset, protocol };
    ports.push(orderKeys(port, host.value, published));
  }
  return parsed(ports.sort(byPortKey));
}

/** `ip:host:container`; everything before the last two colons is the address. */
function splitParts(spec: string): { rawIp: string; hostPort: string; containerPart: string } {
  const parts = spec.split(':');
  const containerPart = parts[parts.length - 1] ?? '';
  if (parts.length === 1) return { rawIp: '', hostPort: '', containerPart };
  if (parts.length === 2) return { rawIp: '', hostPort: parts[0] ?? '', containerPart };
  return { rawIp: parts.slice(0, -2).join(':'), hostPort: parts[parts.length - 2] ?? '', containerPart };
}

/** `8080/udp` → udp, 8080; a missing or empty protocol is tcp. */
function splitProtocol(raw: string): { protocol: string; port: string } {
  const parts = raw.split('/');
  const port = parts[0] ?? '';
  if (raw === '' || port === '') return { protocol: '', port: '' };
  const protocol = parts[1];
  return { protocol: protocol === undefined || protocol === '' ? 'tcp' : protocol, port };
}

/** Go's `net.SplitHostPort(ip + ":")`: strips the brackets of `[::1]`, refuses a bare `::1`. */
function splitHost(rawIp: string): ParseResult<string> {
  const address = `${rawIp}:`;
  const lastColon = address.length - 1;
  let host: string;
  let afterOpen = 0;
  let afterClose = 0;
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    if (close < 0) return failed(`address ${address}: missing ']' in address`);
    if (close + 1 !== lastColon) {
      const why = address[close + 1] === ':' ? 'too many colons in address' : 'missing port in address';
      return failed(`address ${address}: ${why}`);
    }
    host = address.slice(1, close);
    afterOpen = 1;
    afterClose = close + 1;
  } else {
    host = address.slice(0, lastColon);
    if (host.includes(':')) return failed(`address ${address}: too many colons in address`);
  }
  if (address.slice(afterOpen).includes('[')) return failed(`address ${address}: unexpected '[' in address`);
  if (address.slice(afterClose).includes(']')) return failed(`address ${address}: unexpected ']' in address`);
  return parsed(host);
}

/** `8000` or `8000-8010`; like go-connections, anything after a second dash is ignored. */
function parsePortRange(text: string): ParseResult<[number, number]> {
  if (!text.includes('-')) {
    const port = parsePortNumber(text);
    return port === undefined ? failed(`invalid port ${text}`) : parsed([port, port]);
  }
  const [first = '', second = ''] = text.split('-');
  const start = parsePortNumber(first);
  const end = parsePortNumber(second);
  if (start === undefined || end === undefined) return failed(`invalid port range ${text}`);
  if (end < start) return failed(`Invalid range specified for the Port: ${text}`);
  return parsed([start, end]);
}

function parsePortNumber(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

function orderKeys(port: ParsedPort, hostIp: string, published: string): ParsedPort {
  return {
    mode: port.mode,
    ...(hostIp === '' ? {} : { host_ip: hostIp }),
    target: port.target,
    ...(published === '' ? {} : { published }),
    protocol: port.protocol,
  };
}

function byPortKey(a: ParsedPort, b: ParsedPort): number {
  const keyA = `${a.target}/${a.protocol}`;
  const keyB = `${b.target}/${b.protocol}`;
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}
