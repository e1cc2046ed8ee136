import { describe, expect, it } from 'vitest';
import { KeptOutputs } from './kept-output.ts';

const id = 'a'.repeat(64);

describe('KeptOutputs', () => {
  it('keeps the last lines of a container, counting those let go', () => {
    const kept = new KeptOutputs(3, 5);
    kept.begin(id, 'hello', 'busybox');
    kept.add(id, 'stdout', ['1', '2', '3']);
    kept.add(id, 'stderr', ['boom']);
    kept.end(id, { exitCode: 4 });
    expect(kept.get(id)).toEqual({
      id,
      name: 'hello',
      image: 'busybox',
      lines: [
        { stream: 'stdout', text: '2' },
        { stream: 'stdout', text: '3' },
        { stream: 'stderr', text: 'boom' },
      ],
      dropped: 1,
      exitCode: 4,
    });
  });

  it('finds a container by name, short id or full id, and nothing for others', () => {
    const kept = new KeptOutputs();
    kept.begin(id, 'hello', 'busybox');
    expect(kept.get('hello')?.id).toBe(id);
    expect(kept.get('/hello')?.id).toBe(id);
    expect(kept.get(id.slice(0, 12))?.id).toBe(id);
    expect(kept.get('aaa')).toBeNull();
    expect(kept.get('other')).toBeNull();
  });

  it('lets the oldest container go past the cap', () => {
    const kept = new KeptOutputs(10, 2);
    for (const n of ['1', '2', '3']) kept.begin(n.repeat(64), `c${n}`, 'busybox');
    expect(kept.get('c1')).toBeNull();
    expect(kept.get('c2')).not.toBeNull();
    expect(kept.get('c3')).not.toBeNull();
  });

  it('ignores lines for a container it does not keep', () => {
    const kept = new KeptOutputs();
    kept.add(id, 'stdout', ['lost']);
    expect(kept.get(id)).toBeNull();
  });
});
