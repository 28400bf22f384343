/**
 * The programs the engine runs, the Debian package of each, and why. `needed` ones fail
 * `tscompose doctor` when missing; `fallback` ones only matter when the thing they back up fails
 * (fuse-overlayfs when native overlay does not mount). runc and crun are the OCI runtime check's,
 * newuidmap and newgidmap the id-map check's.
 */
export interface RequiredProgram {
  readonly name: string;
  readonly debianPackage: string;
  readonly need: 'needed' | 'fallback';
  readonly why: string;
}

export const REQUIRED_PROGRAMS: readonly RequiredProgram[] = [
  { name: 'rootlesskit', debianPackage: 'rootlesskit', need: 'needed', why: 'creates the namespaces' },
  { name: 'slirp4netns', debianPackage: 'slirp4netns', need: 'needed', why: 'outbound network' },
  { name: 'catatonit', debianPackage: 'catatonit', need: 'needed', why: 'pause process' },
  { name: 'conmon', debianPackage: 'conmon', need: 'needed', why: 'container monitor' },
  { name: 'nsenter', debianPackage: 'util-linux', need: 'needed', why: 'joins the namespaces' },
  { name: 'unshare', debianPackage: 'util-linux', need: 'needed', why: 'storage probes' },
  { name: 'ip', debianPackage: 'iproute2', need: 'needed', why: 'container networks' },
  { name: 'nft', debianPackage: 'nftables', need: 'needed', why: "outbound NAT for containers' networks" },
  { name: 'mknod', debianPackage: 'coreutils', need: 'needed', why: 'whiteouts in image layers' },
  { name: 'setfattr', debianPackage: 'attr', need: 'needed', why: 'opaque folders in image layers' },
  {
    name: 'fuse-overlayfs',
    debianPackage: 'fuse-overlayfs',
    need: 'fallback',
    why: 'root file systems where native overlay fails',
  },
];
