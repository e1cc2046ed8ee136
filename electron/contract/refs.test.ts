import { describe, expect, it } from 'vitest';
import { callArgs, streamArgs } from './channels.ts';
import { containerPath, containerRef, imageRef, networkRef, volumeName } from './refs.ts';

// What must never reach an engine path: it would climb out of `/images/<ref>/json`,
// cut the path short, or smuggle a second line into the request.
const hostile = [
  'x/../../127.0.0.1:1/a',
  '..',
  '../x',
  'x/..',
  '%2e%2e',
  'x/%2e%2e/y',
  'a?b=c',
  'a#b',
  'a\nb',
  'a\r\nHost: evil',
  ' busybox',
  'busybox ',
  '',
  'a b',
  'x'.repeat(600),
];

describe('image references', () => {
  it.each([
    'busybox',
    'busybox:1.36',
    'localhost:5000/team/app:v1',
    'registry.example.com/app@sha256:' + 'a'.repeat(64),
    'sha256:' + 'b'.repeat(64),
    '0123456789ab',
  ])('takes %s', (ref) => {
    expect(imageRef.safeParse(ref).success).toBe(true);
  });

  it.each(hostile)('refuses %j', (ref) => {
    expect(imageRef.safeParse(ref).success).toBe(false);
  });

  it('guards every image channel, calls and streams alike', () => {
    for (const ref of hostile) {
      expect(callArgs['images.inspect'].safeParse([ref]).success).toBe(false);
      expect(callArgs['images.remove'].safeParse([ref]).success).toBe(false);
      expect(streamArgs['images.pull'].safeParse([{ ref }]).success).toBe(false);
    }
  });
});

describe('container, volume and network names', () => {
  it.each([containerRef, volumeName, networkRef])('refuse every hostile value', (schema) => {
    for (const value of hostile) expect(schema.safeParse(value).success).toBe(false);
  });

  it('take what the engine names them', () => {
    expect(containerRef.safeParse('/web_1.a-b').success).toBe(true);
    expect(volumeName.safeParse('todo_data').success).toBe(true);
    expect(networkRef.safeParse('todo-net').success).toBe(true);
    expect(networkRef.safeParse('0123456789ab').success).toBe(true);
  });
});

describe('containerPath', () => {
  const ok = (path: string) => containerPath.safeParse(path).success;

  it('takes absolute paths, spaces, unicode and a trailing slash', () => {
    for (const path of ['/', '/etc', '/data/with  spaces', '/tmp/ü/', '/a:b', '/../etc']) {
      expect(ok(path)).toBe(true);
    }
  });

  it('refuses relative paths, NUL and paths past PATH_MAX', () => {
    for (const path of ['', 'etc', './etc', '/a\0b', `/${'a'.repeat(4096)}`]) {
      expect(ok(path)).toBe(false);
    }
  });
});
