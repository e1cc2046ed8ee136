import { describe, expect, it } from 'vitest';
import {
  layerNumbers,
  modeText,
  ownerText,
  percentText,
  shortDigest,
  visibleName,
} from './layer-format.ts';

describe('layer entry text', () => {
  it('writes modes as ls -l does', () => {
    expect(modeText('dir', 0o755)).toBe('drwxr-xr-x');
    expect(modeText('file', 0o644)).toBe('-rw-r--r--');
    expect(modeText('symlink', 0o777)).toBe('lrwxrwxrwx');
    expect(modeText('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeText('file', 0o2644)).toBe('-rw-r-Sr--');
    expect(modeText('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeText('dir', 0o1776)).toBe('drwxrwxrwT');
  });

  it('writes owners as uid:gid and digests as 12 hex digits', () => {
    expect(ownerText({ uid: 1000, gid: 50 })).toBe('1000:50');
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('abababababab');
  });

  it('writes the score as a percentage, clamped', () => {
    expect(percentText(0.9734)).toBe('97.3 %');
    expect(percentText(1)).toBe('100.0 %');
    expect(percentText(1.2)).toBe('100.0 %');
  });

  it('shows control characters as escapes and leaves markup as text', () => {
    expect(visibleName('evil\nname\t\u007f\u001b[31m')).toBe('evil\\nname\\t\\x7f\\x1b[31m');
    expect(visibleName('<b>x</b> \uFFFD')).toBe('<b>x</b> \uFFFD');
  });

  it('numbers layers from 1 at the bottom', () => {
    expect(layerNumbers([0, 3])).toBe('1, 4');
  });
});
