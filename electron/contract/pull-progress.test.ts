import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.ts';
import {
  applyPullLine,
  emptyPullState,
  formatBytes,
  formatRate,
  pulledBytes,
  pullLayerViews,
  pullLinesOf,
  summarizePull,
  toPullLine,
  type PullLine,
} from './pull-progress.ts';

const fold = (lines: PullLine[]) => lines.reduce(applyPullLine, emptyPullState());
const start: PullLine[] = [
  { status: 'Pulling from berth/blob', id: 'v1' },
  { status: 'Already exists', id: 'aaa' },
  { status: 'Pulling fs layer', id: 'bbb' },
  { status: 'Pulling fs layer', id: 'ccc' },
];

describe('summarizePull', () => {
  it('is indeterminate before any layer to fetch is known', () => {
    expect(summarizePull(emptyPullState())).toEqual({ text: 'Asking the registry…' });
    expect(summarizePull(fold(start.slice(0, 1)))).toEqual({ text: 'Pulling from berth/blob' });
    expect(summarizePull(fold(start.slice(0, 2)))).toEqual({ text: '1 layer already here' });
  });

  it('stays indeterminate while a pending layer has no size yet', () => {
    const s = fold([...start, { status: 'Downloading', id: 'bbb', current: 1e6, total: 4e6 }]);
    expect(summarizePull(s)).toEqual({
      text: 'Downloading 2 layers: 0 done, 1.0 MB of 4.0 MB (1 layer already here)',
    });
  });

  it('weighs layers by size, counting download and extraction as halves', () => {
    const s = fold([
      ...start,
      { status: 'Downloading', id: 'bbb', current: 3e6, total: 4e6 },
      { status: 'Downloading', id: 'ccc', current: 12.4e6 - 3e6, total: 26e6 },
    ]);
    expect(summarizePull(s).text).toBe(
      'Downloading 2 layers: 0 done, 12.4 MB of 30.0 MB (1 layer already here)',
    );
    expect(summarizePull(s).fraction).toBeCloseTo(12.4 / 60);

    const later = fold([
      ...start,
      { status: 'Downloading', id: 'bbb', current: 3e6, total: 4e6 },
      { status: 'Download complete', id: 'bbb' },
      { status: 'Extracting', id: 'bbb', current: 2e6, total: 4e6 },
      { status: 'Downloading', id: 'ccc', current: 6e6, total: 26e6 },
    ]);
    expect(summarizePull(later)).toEqual({
      fraction: (4e6 + 2e6 + 6e6) / 60e6,
      text: 'Downloading 2 layers: 1 done, 10.0 MB of 30.0 MB (1 layer already here)',
    });
  });

  it('moves on to extraction once everything is downloaded, and ends at the engine’s status', () => {
    const downloaded = fold([
      ...start,
      { status: 'Downloading', id: 'bbb', current: 1, total: 4e6 },
      { status: 'Downloading', id: 'ccc', current: 1, total: 6e6 },
      { status: 'Download complete', id: 'bbb' },
      { status: 'Download complete', id: 'ccc' },
      { status: 'Extracting', id: 'bbb', current: 4e6, total: 4e6 },
      { status: 'Pull complete', id: 'bbb' },
    ]);
    expect(summarizePull(downloaded)).toEqual({
      fraction: (10e6 + 4e6) / 20e6,
      text: 'Extracting 2 layers: 1 done (1 layer already here)',
    });
    const done = [
      { status: 'Pull complete', id: 'ccc' },
      { status: 'Digest: sha256:0123' },
      { status: 'Status: Downloaded newer image for localhost:5000/berth/blob:v1' },
    ].reduce(applyPullLine, downloaded);
    expect(summarizePull(done)).toEqual({
      fraction: 1,
      text: 'Status: Downloaded newer image for localhost:5000/berth/blob:v1',
    });
  });

  it('lets a small layer that never said its size weigh nothing', () => {
    const s = fold([
      ...start,
      { status: 'Download complete', id: 'bbb' },
      { status: 'Downloading', id: 'ccc', current: 5e6, total: 10e6 },
    ]);
    expect(summarizePull(s).fraction).toBeCloseTo(0.25);
  });

  it('never goes backwards as a pull proceeds', () => {
    const lines: PullLine[] = [...start];
    for (let i = 1; i <= 4; i++)
      lines.push({ status: 'Downloading', id: 'bbb', current: i * 1e6, total: 4e6 });
    lines.push(
      { status: 'Verifying Checksum', id: 'bbb' },
      { status: 'Download complete', id: 'bbb' },
    );
    for (let i = 1; i <= 3; i++)
      lines.push({ status: 'Downloading', id: 'ccc', current: i * 2e6, total: 6e6 });
    lines.push({ status: 'Download complete', id: 'ccc' });
    for (let i = 1; i <= 4; i++)
      lines.push({ status: 'Extracting', id: 'bbb', current: i * 1e6, total: 4e6 });
    lines.push({ status: 'Pull complete', id: 'bbb' }, { status: 'Pull complete', id: 'ccc' });
    lines.push({ status: 'Status: Downloaded newer image for x' });
    let state = emptyPullState();
    const fractions: number[] = [];
    for (const line of lines) {
      state = applyPullLine(state, line);
      const f = summarizePull(state).fraction;
      if (f !== undefined) fractions.push(f);
    }
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('reading the stream', () => {
  it("takes the engine's lines and our own, keeping a line split across chunks", () => {
    const engine =
      '{"status":"Downloading","progressDetail":{"current":10,"total":20},"progress":"[=>  ]","id":"bbb"}';
    const ours = JSON.stringify({ status: 'Extracting', id: 'bbb', current: 5, total: 20 });
    const splitter = new LineSplitter();
    expect(pullLinesOf(splitter.push(`${engine}\n${ours.slice(0, 10)}`))).toEqual([
      { status: 'Downloading', id: 'bbb', current: 10, total: 20 },
    ]);
    expect(pullLinesOf(splitter.push(`${ours.slice(10)}\nnot json\n{"x":1}\n\n`))).toEqual([
      { status: 'Extracting', id: 'bbb', current: 5, total: 20 },
    ]);
  });

  it('leaves out an empty progress detail', () => {
    expect(toPullLine('{"status":"Waiting","progressDetail":{},"id":"c"}')).toEqual({
      status: 'Waiting',
      id: 'c',
    });
  });
});

describe('formatBytes', () => {
  it('prints decimal units like docker pull', () => {
    expect([0, 999, 1000, 12_400_000, 30e6, 123e6, 2.5e9].map(formatBytes)).toEqual([
      '0 B',
      '999 B',
      '1.0 kB',
      '12.4 MB',
      '30.0 MB',
      '123 MB',
      '2.5 GB',
    ]);
  });
});

describe('pullLayerViews', () => {
  it('gives each layer its own state and figure, in the order the engine named them', () => {
    const s = fold([
      ...start,
      { status: 'Pulling fs layer', id: 'ddd' },
      { status: 'Waiting', id: 'ddd' },
      { status: 'Downloading', id: 'bbb', current: 1e6, total: 4e6 },
      { status: 'Download complete', id: 'ccc' },
      { status: 'Extracting', id: 'ccc', current: 3e6, total: 6e6 },
    ]);
    expect(pullLayerViews(s)).toEqual([
      { id: 'aaa', text: 'Already exists', fraction: 1 },
      { id: 'bbb', text: 'Downloading 1.0 MB of 4.0 MB', fraction: 0.125 },
      { id: 'ccc', text: 'Extracting 3.0 MB of 6.0 MB', fraction: 0.75 },
      { id: 'ddd', text: 'Waiting', fraction: 0 },
    ]);
    const done = applyPullLine(s, { status: 'Pull complete', id: 'ccc' });
    expect(pullLayerViews(done)[2]).toEqual({ id: 'ccc', text: 'Pull complete', fraction: 1 });
  });

  it('leaves a layer whose size is unknown indeterminate', () => {
    const s = fold([...start, { status: 'Downloading', id: 'bbb', current: 10 }]);
    expect(pullLayerViews(s)[1]).toEqual({ id: 'bbb', text: 'Downloading' });
  });
});

describe('rate', () => {
  it('puts the recent rate in the overall text while downloading', () => {
    const s = fold([...start, { status: 'Downloading', id: 'bbb', current: 1e6, total: 4e6 }]);
    expect(summarizePull(s, 2.5e6).text).toBe(
      'Downloading 2 layers: 0 done, 1.0 MB of 4.0 MB at 2.5 MB/s (1 layer already here)',
    );
    expect(formatRate(999)).toBe('999 B/s');
  });

  it('counts downloaded bytes of layers being fetched, not those already here', () => {
    const s = fold([
      ...start,
      { status: 'Downloading', id: 'bbb', current: 3e6, total: 4e6 },
      { status: 'Download complete', id: 'ccc' },
    ]);
    expect(pulledBytes(s)).toBe(3e6);
  });
});
