import { describe, expect, it } from 'vitest';
import { mountsUnder, parseMountPoints } from './mounts.ts';

describe('mountsUnder', () => {
  it('finds mounts at and below a folder, deepest first, unescaping octal', () => {
    const procMounts = [
      '/dev/vda / ext4 rw 0 0',
      '/dev/vda /tmp/berth-x/engine/data ext4 rw 0 0',
      'overlay /tmp/berth-x/engine/data/overlay2/abc/merged overlay rw 0 0',
      'nsfs /tmp/berth-x/engine/exec/netns/1 nsfs rw 0 0',
      '/dev/vda /tmp/berth-xy ext4 rw 0 0',
      '/dev/vda /tmp/with\\040space ext4 rw 0 0',
    ].join('\n');
    const points = parseMountPoints(procMounts);
    expect(points).toContain('/tmp/with space');
    expect(mountsUnder(points, '/tmp/berth-x')).toEqual([
      '/tmp/berth-x/engine/data/overlay2/abc/merged',
      '/tmp/berth-x/engine/exec/netns/1',
      '/tmp/berth-x/engine/data',
    ]);
  });
});
