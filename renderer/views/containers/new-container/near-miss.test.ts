import { describe, expect, it } from 'vitest';
import { editDistance, nearMiss } from './near-miss.ts';

const local = ['busybox:latest', 'berth-test/busybox:1', 'nginx:1.27', 'redis:latest'];

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('ngnix', 'nginx')).toBe(1);
    expect(editDistance('busybox', 'busybox')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('nearMiss', () => {
  it('suggests the local image one keystroke away, without :latest when none was typed', () => {
    expect(nearMiss('busybx', local)).toBe('busybox');
    expect(nearMiss('rdis', local)).toBe('redis');
  });

  it('keeps a tag other than latest in the suggestion', () => {
    expect(nearMiss('ngnix', local)).toBe('nginx:1.27');
    expect(nearMiss('berth-test/busybx:1', local)).toBe('berth-test/busybox:1');
    expect(nearMiss('berth-test/bsybox', local)).toBe('berth-test/busybox:1');
  });

  it('says nothing for an image that is here, with or without its :latest', () => {
    expect(nearMiss('busybox', local)).toBeNull();
    expect(nearMiss('busybox:latest', local)).toBeNull();
    expect(nearMiss('nginx:1.27', local)).toBeNull();
  });

  it('says nothing for a name far from every local one, or with no local images', () => {
    expect(nearMiss('postgres', local)).toBeNull();
    expect(nearMiss('alpine:3.20', local)).toBeNull();
    expect(nearMiss('busybx', [])).toBeNull();
    expect(nearMiss('', local)).toBeNull();
  });

  it('allows one edit in a short name, so a different short name is not a typo', () => {
    expect(nearMiss('rediss', local)).toBe('redis');
    expect(nearMiss('ruby', ['rust:latest'])).toBeNull();
  });

  it('matches an upper-case typing of a local name (the reference problem is said apart)', () => {
    expect(nearMiss('Busybox', local)).toBe('busybox');
  });
});
