import { describe, expect, it } from 'vitest';
import {
  applyPushLine,
  emptyPushState,
  pushedBytes,
  pushLayerViews,
  summarizePush,
} from './push-progress.ts';
import { toPullLine, type PullLine } from './pull-progress.ts';

const fold = (lines: PullLine[]) => lines.reduce(applyPushLine, emptyPushState());

// The engine's own lines of a push (dockerd 20.10), as the stream carries them.
const engineLines = [
  '{"status":"The push refers to repository [localhost:5000/berth/blob]"}',
  '{"status":"Preparing","progressDetail":{},"id":"5f70bf18a086"}',
  '{"status":"Preparing","progressDetail":{},"id":"0a1b2c3d4e5f"}',
  '{"status":"Preparing","progressDetail":{},"id":"9e8d7c6b5a40"}',
  '{"status":"Waiting","progressDetail":{},"id":"9e8d7c6b5a40"}',
  '{"status":"Layer already exists","progressDetail":{},"id":"5f70bf18a086"}',
  '{"status":"Mounted from berth/other","progressDetail":{},"id":"9e8d7c6b5a40"}',
  '{"status":"Pushing","progressDetail":{"current":5242880,"total":20971520},"progress":"[==>   ]","id":"0a1b2c3d4e5f"}',
];

describe('push progress', () => {
  it('reads the engine’s lines into a view per layer, in its words', () => {
    const s = fold(engineLines.map((t) => toPullLine(t)!));
    expect(pushLayerViews(s)).toEqual([
      { id: '5f70bf18a086', text: 'Layer already exists', fraction: 1 },
      { id: '0a1b2c3d4e5f', text: 'Pushing 5.2 MB of 21.0 MB', fraction: 0.25 },
      { id: '9e8d7c6b5a40', text: 'Mounted from berth/other', fraction: 1 },
    ]);
    expect(pushedBytes(s)).toBe(5242880);
    expect(summarizePush(s, 1e6)).toEqual({
      fraction: 2.25 / 3,
      text: 'Pushing 3 layers: 2 done, 5.2 MB of 21.0 MB at 1.0 MB/s (2 layers already in the registry)',
    });
  });

  it('shows Preparing and Waiting layers at zero, and is indeterminate before any layer', () => {
    expect(summarizePush(emptyPushState())).toEqual({ text: 'Asking the registry…' });
    const s = fold(engineLines.slice(0, 5).map((t) => toPullLine(t)!));
    expect(pushLayerViews(s).map((l) => [l.text, l.fraction])).toEqual([
      ['Preparing', 0],
      ['Preparing', 0],
      ['Waiting', 0],
    ]);
    expect(summarizePush(s)).toEqual({ fraction: 0, text: 'Pushing 3 layers: 0 done' });
  });

  it('ends at the digest line, and never goes back on the way', () => {
    const lines: PullLine[] = [
      { status: 'Preparing', id: 'a' },
      { status: 'Preparing', id: 'b' },
      { status: 'Layer already exists', id: 'a' },
    ];
    for (let i = 1; i <= 4; i++)
      lines.push({ status: 'Pushing', id: 'b', current: i * 1e6, total: 4e6 });
    lines.push({ status: 'Pushed', id: 'b' }, { status: 'v1: digest: sha256:0123abcd size: 739' });
    let state = emptyPushState();
    const fractions: number[] = [];
    for (const line of lines) {
      state = applyPushLine(state, line);
      fractions.push(summarizePush(state).fraction ?? 0);
    }
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(summarizePush(state)).toEqual({
      fraction: 1,
      text: 'Pushed: v1: digest: sha256:0123abcd size: 739',
    });
    expect(pushLayerViews(state)[1]).toEqual({ id: 'b', text: 'Pushed', fraction: 1 });
  });

  it('keeps a retry in the engine’s words', () => {
    const s = fold([
      { status: 'Pushing', id: 'b', current: 1e6, total: 4e6 },
      { status: 'Retrying in 5 seconds', id: 'b' },
    ]);
    expect(pushLayerViews(s)).toEqual([{ id: 'b', text: 'Retrying in 5 seconds', fraction: 0 }]);
  });
});
