/**
 * Docker's `/images/json` filters as a predicate on summaries (moby daemon/images/images.go):
 * `reference` globs (`busybox`, `busybox:1.*`, `127.0.0.1:5000/*`) matched against each tag with
 * and without its tag, `dangling` (untagged images), `label` (`key` or `key=value`, all must
 * match). Each name narrows; the values of one name widen, except labels. Unknown filters are
 * refused with a 400, as Docker does. Pure.
 */
import { badParameter } from './api-error.js';
import type { ImageSummary, ListFilters } from './engine-types.js';

const SUPPORTED = new Set(['reference', 'dangling', 'label']);

export function imageFilter(filters: ListFilters): (image: ImageSummary) => boolean {
  for (const name of Object.keys(filters)) {
    if (!SUPPORTED.has(name)) throw badParameter(`invalid filter '${name}'`);
  }
  const patterns = (filters.reference ?? []).map(globToRegex);
  const dangling = filters.dangling?.[0];
  if (dangling !== undefined && !['true', 'false', '1', '0'].includes(dangling)) {
    throw badParameter(`invalid filter 'dangling=${dangling}'`);
  }
  return (image) => {
    const tags = image.RepoTags.filter((tag) => tag !== '<none>:<none>');
    if (dangling !== undefined && (tags.length === 0) !== (dangling === 'true' || dangling === '1'))
      return false;
    if (
      patterns.length > 0 &&
      !tags.some((tag) => patterns.some((pattern) => matchesReference(pattern, tag)))
    ) {
      return false;
    }
    return (filters.label ?? []).every((label) => hasLabel(image.Labels ?? {}, label));
  };
}

function matchesReference(pattern: RegExp, tag: string): boolean {
  return pattern.test(tag) || pattern.test(withoutTag(tag));
}

/** `127.0.0.1:5000/busybox:1` → `127.0.0.1:5000/busybox`: only a colon after the last slash is a tag. */
function withoutTag(reference: string): string {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? reference.slice(0, colon) : reference;
}

/** Go's path.Match: `*` and `?` stop at `/`; `[...]` is a class. */
export function globToRegex(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? '';
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) throw badParameter(`invalid reference pattern ${JSON.stringify(glob)}`);
      source += `[${glob
        .slice(i + 1, end)
        .replace(/^\^/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = end;
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function hasLabel(labels: Record<string, string>, filter: string): boolean {
  const equals = filter.indexOf('=');
  if (equals < 0) return filter in labels;
  return labels[filter.slice(0, equals)] === filter.slice(equals + 1);
}
