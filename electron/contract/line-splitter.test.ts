import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS } from './line-splitter.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('LineSplitter', () => {
  it('keeps a partial line until its newline arrives', () => {
    const s = new LineSplitter();
    expect(s.push('one\ntw')).toEqual(['one']);
    expect(s.push('o')).toEqual([]);
    expect(s.push('\nthree\n')).toEqual(['two', 'three']);
    expect(s.end()).toEqual([]);
  });

  it('joins a character whose UTF-8 bytes are split across chunks, at every cut', () => {
    const text = 'é€😀 ok\n';
    const all = bytes(text);
    for (let cut = 0; cut <= all.length; cut++) {
      const s = new LineSplitter();
      const lines = [...s.push(all.slice(0, cut)), ...s.push(all.slice(cut)), ...s.end()];
      expect(lines, `cut at byte ${cut}`).toEqual(['é€😀 ok']);
    }
  });

  it('survives a character fed one byte at a time', () => {
    const s = new LineSplitter();
    const lines = [...bytes('😀\n')].flatMap((b) => s.push(Uint8Array.of(b)));
    expect(lines).toEqual(['😀']);
  });

  it('drops the \\r of a CRLF, also when the \\n comes in the next chunk', () => {
    const s = new LineSplitter();
    expect(s.push('a\r\nb\r')).toEqual(['a']);
    expect(s.push('\nc\rd\n')).toEqual(['b', 'c\rd']);
  });

  it('hands out empty lines as empty strings', () => {
    expect(new LineSplitter().push('\n\na\n\n')).toEqual(['', '', 'a', '']);
  });

  it('gives the last line without a newline at the end, and nothing more after', () => {
    const s = new LineSplitter();
    expect(s.push(bytes('a\nlast'))).toEqual(['a']);
    expect(s.end()).toEqual(['last']);
    expect(s.end()).toEqual([]);
  });

  it('ends a stream cut inside a character with a replacement character, not an error', () => {
    const s = new LineSplitter();
    expect(s.push(bytes('€').slice(0, 2))).toEqual([]);
    expect(s.end()).toEqual(['\uFFFD']);
  });

  it('cuts a huge line into pieces no longer than the limit, buffering at most that much', () => {
    const s = new LineSplitter({ maxLineChars: 10 });
    const pieces: string[] = [];
    for (let i = 0; i < 1000; i++) pieces.push(...s.push('x'.repeat(7)));
    // 7,000 characters with no newline: at most one piece's worth waits for more.
    expect(pieces.every((p) => p.length === 10)).toBe(true);
    expect(pieces.join('').length).toBe(6990);
    expect(s.push('\n')).toEqual(['x'.repeat(10)]);
    expect(s.push(`${'y'.repeat(25)}\nz\n`)).toEqual([
      'y'.repeat(10),
      'y'.repeat(10),
      'yyyyy',
      'z',
    ]);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const s = new LineSplitter({ maxLineChars: 4 });
    const lines = s.push('abc😀def\n');
    expect(lines).toEqual(['abc', '😀de', 'f']);
    expect(lines.join('')).toBe('abc😀def');
  });

  it('has a default limit, so a line of the engine never grows without bound', () => {
    const s = new LineSplitter();
    const out = s.push('x'.repeat(MAX_LINE_CHARS + 5));
    expect(out.map((l) => l.length)).toEqual([MAX_LINE_CHARS]);
  });

  it('starts over after reset, forgetting a partial line and a half character', () => {
    const s = new LineSplitter();
    s.push(bytes('old partial €').slice(0, -1));
    s.reset();
    expect(s.push(bytes('new\n'))).toEqual(['new']);
  });

  it('marks which pieces end their line, across chunks', () => {
    const s = new LineSplitter({ maxLineChars: 3 });
    expect(s.pushParts('abcdefg')).toEqual([
      { text: 'abc', ends: false },
      { text: 'def', ends: false },
    ]);
    expect(s.pushParts('h\nij\n')).toEqual([
      { text: 'gh', ends: true },
      { text: 'ij', ends: true },
    ]);
    expect(s.pushParts('k')).toEqual([]);
    expect(s.endParts()).toEqual([{ text: 'k', ends: true }]);
  });
});
