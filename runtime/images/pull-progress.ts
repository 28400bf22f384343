/**
 * The lines of a pull's progress stream, shaped as Docker's `POST /images/create` writes them,
 * so the docker CLI and compose render our pulls as theirs: per layer (the id is the first 12
 * hex digits of the layer blob's digest) `Pulling fs layer`, `Waiting`, `Downloading` with
 * `progressDetail` and a rendered bar, `Verifying Checksum`, `Download complete`, `Extracting`,
 * `Pull complete` or `Already exists`; per image `Pulling from <path>`, `Digest: …` and the
 * final `Status: …`.
 *
 * Pure. The bar follows docker's `JSONProgress.String()` at its default width of 200 columns,
 * without the time-left estimate (that would need a clock here).
 */
import type { PullProgress } from '../api/engine-types.js';

export type LayerStatus =
  | 'Pulling fs layer'
  | 'Waiting'
  | 'Verifying Checksum'
  | 'Download complete'
  | 'Pull complete'
  | 'Already exists';

/** `sha256:0123456789abcdef…` → `0123456789ab`. */
export function shortId(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

export function layerStatus(status: LayerStatus, digest: string): PullProgress {
  return { status, progressDetail: {}, id: shortId(digest) };
}

export function layerProgress(
  status: 'Downloading' | 'Extracting',
  digest: string,
  current: number,
  total: number,
): PullProgress {
  return {
    status,
    progressDetail: { current, total },
    progress: renderProgress(current, total),
    id: shortId(digest),
  };
}

/** `Pulling from library/busybox`, id the tag (or the digest when pulled by digest). */
export function pullingFrom(path: string, tagOrDigest: string): PullProgress {
  return { status: `Pulling from ${path}`, id: tagOrDigest };
}

export function digestLine(digest: string): PullProgress {
  return { status: `Digest: ${digest}` };
}

export function statusLine(outcome: 'downloaded' | 'up-to-date', reference: string): PullProgress {
  return {
    status:
      outcome === 'downloaded'
        ? `Status: Downloaded newer image for ${reference}`
        : `Status: Image is up to date for ${reference}`,
  };
}

/** `[=========>          ]  1.088MB/2.2MB`, as docker renders it at 200 columns. */
export function renderProgress(current: number, total: number): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  const filled = Math.min(50, Math.floor(Math.floor((current / total) * 100) / 2));
  const bar = `[${'='.repeat(filled)}>${' '.repeat(50 - filled)}] `;
  const numbers = current > total ? '' : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** go-units' `HumanSize`: decimal units, four significant digits, trailing zeros dropped. */
export function humanSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${formatG(size, 4)}${DECIMAL_UNITS[unit] ?? ''}`;
}

/** C's `%.<precision>g` for the range sizes take (0 ≤ value < 1000). */
function formatG(value: number, precision: number): string {
  const fixed = value.toPrecision(precision);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
