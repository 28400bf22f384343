/**
 * Which entry of an index (a multi-platform image) this machine runs: the host platform in OCI
 * words, and the choice among an index's manifests, as containerd's `platforms.Only` makes it.
 * An ARM machine also runs older variants of its architecture (an armv7 host runs v6 and v5
 * images, preferring v7); entries whose platform is `unknown` (buildx's attestation manifests)
 * are never chosen.
 *
 * Pure: node's `process.arch` comes in as a value.
 */
import { ImageError } from './image-errors.js';
import type { Descriptor, Platform } from './manifest.js';

/** Node's `process.arch` → the OCI architecture (and variant, where one is conventional). */
const NODE_ARCH_TO_OCI: Record<string, Platform> = {
  x64: { os: 'linux', architecture: 'amd64' },
  arm64: { os: 'linux', architecture: 'arm64', variant: 'v8' },
  arm: { os: 'linux', architecture: 'arm', variant: 'v7' },
  ia32: { os: 'linux', architecture: '386' },
  // Node reports "ppc64" on little-endian POWER, the only POWER Linux images are built for.
  ppc64: { os: 'linux', architecture: 'ppc64le' },
  s390x: { os: 'linux', architecture: 's390x' },
  riscv64: { os: 'linux', architecture: 'riscv64' },
  loong64: { os: 'linux', architecture: 'loong64' },
  mips64el: { os: 'linux', architecture: 'mips64le' },
};

/** The platform of a machine whose node reports `nodeArch`; `armVersion` is node's `arm_version`. */
export function hostPlatform(nodeArch: string, armVersion?: string): Platform {
  const known = NODE_ARCH_TO_OCI[nodeArch];
  if (!known) return { os: 'linux', architecture: nodeArch };
  if (nodeArch === 'arm' && armVersion !== undefined && /^[5-8]$/.test(armVersion)) {
    return { ...known, variant: `v${armVersion}` };
  }
  return { ...known };
}

/** `linux/arm64/v8`, as Docker prints platforms. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant]
    .filter((p) => p !== undefined && p !== '')
    .join('/');
}

/**
 * The variants a host runs, best first. An empty variant in an image means "the architecture's
 * default", which every host of that architecture runs.
 */
function acceptedVariants(host: Platform): string[] {
  switch (host.architecture) {
    case 'arm64':
      return ['v8', ''];
    case 'arm': {
      const level = Number(host.variant?.slice(1) ?? '7');
      return [...['v8', 'v7', 'v6', 'v5'].filter((v) => Number(v.slice(1)) <= level), ''];
    }
    case 'amd64':
      return ['', 'v1'];
    default:
      return [host.variant ?? '', ''];
  }
}

/** The manifest in `manifests` this host should run; throws when none fits. */
export function selectManifest(manifests: readonly Descriptor[], host: Platform): Descriptor {
  const variants = acceptedVariants(host);
  let best: { descriptor: Descriptor; rank: number } | undefined;
  for (const descriptor of manifests) {
    const p = descriptor.platform;
    if (!p || p.os !== host.os || p.architecture !== host.architecture) continue;
    const rank = variants.indexOf(p.variant ?? '');
    if (rank === -1) continue;
    if (!best || rank < best.rank) best = { descriptor, rank };
  }
  if (!best) {
    throw new ImageError(
      404,
      `no matching manifest for ${formatPlatform(host)} in the manifest list entries`,
    );
  }
  return best.descriptor;
}
