import { describe, expect, it } from 'vitest';
import { parseSgr, plainText } from './sgr.ts';

describe('parseSgr', () => {
  it('turns colour codes into styled spans and resets them', () => {
    expect(parseSgr('a\u001b[1;31mred\u001b[0m b')).toEqual([
      { text: 'a' },
      { text: 'red', bold: true, fg: '#cd3131' },
      { text: ' b' },
    ]);
  });

  it('reads 256-colour and true-colour codes, foreground and background', () => {
    expect(parseSgr('\u001b[38;5;196;48;2;1;2;3mx')).toEqual([
      { text: 'x', fg: 'rgb(255,0,0)', bg: 'rgb(1,2,3)' },
    ]);
  });

  it('treats an empty SGR as a reset and undoes single attributes', () => {
    expect(parseSgr('\u001b[4;92mu\u001b[24mv\u001b[mw')).toEqual([
      { text: 'u', underline: true, fg: '#23d18b' },
      { text: 'v', fg: '#23d18b' },
      { text: 'w' },
    ]);
  });

  it('drops OSC 52 (clipboard) and OSC 8 (hyperlink) sequences, keeping the link text inert', () => {
    const line =
      'before\u001b]52;c;ZXZpbA==\u0007mid\u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\ after';
    expect(plainText(line)).toBe('beforemidclick after');
    expect(parseSgr(line).every((s) => !('href' in s))).toBe(true);
  });

  it('drops cursor moves and other escapes, and shows control characters as symbols', () => {
    expect(plainText('a\u001b[2Jb\u001b[10;5Hc\u001b(Bd\u0000\u0007e\tf')).toBe(
      'abcd\u2400\u2407e\tf',
    );
  });

  it('leaves HTML as text', () => {
    expect(parseSgr('<img src=x onerror=alert(1)>')).toEqual([
      { text: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('survives an escape cut off at the end of the line', () => {
    expect(plainText('ok\u001b[31')).toBe('ok31');
    expect(plainText('ok\u001b]52;c;abc')).toBe('ok');
  });
});
