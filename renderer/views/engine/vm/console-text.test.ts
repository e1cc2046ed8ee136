import { describe, expect, it } from 'vitest';
import { consoleText } from './console-text.ts';

describe('consoleText', () => {
  it('drops colour codes, cursor moves and terminal titles', () => {
    expect(consoleText('\x1b[0;32m  OK  \x1b[0m Started')).toBe('  OK   Started');
    expect(consoleText('\x1b[2K\x1b[1Gdone')).toBe('done');
    expect(consoleText('\x1b]0;title\x07text')).toBe('text');
  });

  it('keeps what a terminal shows of a line redrawn with carriage returns', () => {
    expect(consoleText('10%\r50%\r100%')).toBe('100%');
    expect(consoleText('berth-guest: ready\r')).toBe('berth-guest: ready');
  });

  it('keeps tabs and drops other control characters', () => {
    expect(consoleText('a\tb\x07\x00c\x7f')).toBe('a\tbc');
  });

  it('leaves markup as the text it is', () => {
    expect(consoleText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
