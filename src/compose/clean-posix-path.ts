/**
 * Go's `path.Clean` for slash-separated paths: the shortest equivalent path, with `.` and `..`
 * resolved lexically, duplicate and trailing slashes removed, and `""` becoming `.`. compose-go
 * cleans every container-side mount target this way, so `/data/` and `/data/./x/..` both print as
 * `/data`. Backslashes are ordinary characters here, so Windows targets pass through unchanged.
 */
export function cleanPosixPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      const last = out[out.length - 1];
      if (last !== undefined && last !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}
