/**
 * Whether text is an IP address as Go's `net.ParseIP` accepts it, which decides whether the host
 * part of a port such as `127.0.0.1:80:80` is valid. IPv4 is four decimal octets without leading
 * zeros; IPv6 is the usual hex groups with at most one `::` and an optional dotted IPv4 tail.
 * Zones (`fe80::1%eth0`) are refused, as Go refuses them here.
 */
export function isIpAddress(text: string): boolean {
  return text.includes(':') ? isIpv6(text) : isIpv4(text);
}

function isIpv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every(isOctet);
}

function isOctet(text: string): boolean {
  if (!/^\d{1,3}$/.test(text)) return false;
  if (text.length > 1 && text.startsWith('0')) return false;
  return Number(text) <= 255;
}

function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] | undefined => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return false;
  const groups = [...head, ...tail];
  // A dotted IPv4 address may stand for the last two groups.
  let width = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    groups.pop();
    width += 1;
  }
  if (!groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? width < 8 : width === 8;
}
