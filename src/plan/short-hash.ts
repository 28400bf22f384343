/** The first 12 characters of a hash or id, as Docker abbreviates them, for reasons people read. */
export function shortHash(hash: string): string {
  const bare = hash.startsWith('sha256:') ? hash.slice('sha256:'.length) : hash;
  return bare.slice(0, 12);
}
