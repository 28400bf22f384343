/**
 * The engine's one nftables table, `ip tscompose`, as text for `nft -f`, rebuilt whole from the
 * list of bridge networks whenever it changes, so the rules are a function of the networks and a
 * failed change leaves the previous table (nft applies a file as one transaction):
 * - outbound: a container's traffic leaving through anything but a bridge (slirp4netns' tap0) is
 *   masqueraded as the engine's own address, since slirp4netns only answers that address;
 * - isolation: traffic from one bridge to another is dropped, as Docker isolates its networks;
 * - `internal` networks reach nothing beyond their own bridge, and are not masqueraded.
 *
 * Pure. The first two lines make the file valid whether or not the table exists yet.
 */
export const NAT_TABLE = 'tscompose';

export interface BridgeNetwork {
  bridge: string;
  subnets: readonly string[];
  internal: boolean;
}

export function natRuleset(networks: readonly BridgeNetwork[]): string {
  const reset = [`table ip ${NAT_TABLE}`, `delete table ip ${NAT_TABLE}`];
  if (networks.length === 0) return reset.join('\n') + '\n';
  const masquerade = networks
    .filter((network) => !network.internal)
    .flatMap((network) => network.subnets)
    .map((subnet) => `    ip saddr ${subnet} oifname != "br-*" masquerade`);
  const isolate = networks.map((network) =>
    network.internal
      ? `    iifname "${network.bridge}" oifname != "${network.bridge}" drop`
      : `    iifname "${network.bridge}" oifname "br-*" oifname != "${network.bridge}" drop`,
  );
  return [
    ...reset,
    `table ip ${NAT_TABLE} {`,
    '  chain postrouting {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    ...masquerade,
    '  }',
    '  chain forward {',
    '    type filter hook forward priority filter; policy accept;',
    ...isolate,
    '  }',
    '}',
    '',
  ].join('\n');
}
