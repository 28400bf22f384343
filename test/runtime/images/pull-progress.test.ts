// Progress lines must read like Docker's, since the docker CLI and compose render them as theirs.
import { describe, expect, it } from 'vitest';
import {
  humanSize,
  layerProgress,
  layerStatus,
  renderProgress,
  statusLine,
} from '../../../runtime/images/pull-progress.js';

describe('humanSize (go-units HumanSize)', () => {
  it.each([
    { bytes: 0, expected: '0B' },
    { bytes: 999, expected: '999B' },
    { bytes: 1000, expected: '1kB' },
    { bytes: 1088388, expected: '1.088MB' },
    { bytes: 2_200_000, expected: '2.2MB' },
    { bytes: 123_456_789, expected: '123.5MB' },
    { bytes: 5_000_000_000, expected: '5GB' },
  ])('$bytes → $expected', ({ bytes, expected }) => {
    expect(humanSize(bytes)).toBe(expected);
  });
});

describe('renderProgress (JSONProgress.String at 200 columns)', () => {
  it.each([
    { current: 0, total: 0, expected: '' },
    { current: 500, total: 0, expected: '    500B' },
    { current: 0, total: 1000, expected: `[>${' '.repeat(50)}]       0B/1kB` },
    { current: 500, total: 1000, expected: `[${'='.repeat(25)}>${' '.repeat(25)}]     500B/1kB` },
    { current: 1000, total: 1000, expected: `[${'='.repeat(50)}>] ${'1kB'.padStart(8)}/1kB` },
    { current: 2000, total: 1000, expected: `[${'='.repeat(50)}>] ` },
  ])('$current/$total', ({ current, total, expected }) => {
    expect(renderProgress(current, total)).toBe(expected);
  });
});

describe('progress lines', () => {
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
  it('a layer status carries the short id and an empty detail, as Docker sends it', () => {
    expect(layerStatus('Pull complete', digest)).toEqual({
      status: 'Pull complete',
      progressDetail: {},
      id: '0123456789ab',
    });
  });
  it('a download line carries current and total', () => {
    expect(layerProgress('Downloading', digest, 1, 4)).toMatchObject({
      status: 'Downloading',
      progressDetail: { current: 1, total: 4 },
      id: '0123456789ab',
    });
  });
  it.each([
    { outcome: 'downloaded' as const, expected: 'Status: Downloaded newer image for busybox:latest' },
    { outcome: 'up-to-date' as const, expected: 'Status: Image is up to date for busybox:latest' },
  ])('$outcome', ({ outcome, expected }) => {
    expect(statusLine(outcome, 'busybox:latest')).toEqual({ status: expected });
  });
});
