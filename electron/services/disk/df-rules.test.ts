import { describe, expect, it } from 'vitest';
import { cliSize } from '../../contract/disk-channels.ts';
import { diskTotals, imageRows, type RawDf } from './df-rules.ts';

const df: RawDf = {
  LayersSize: 1000,
  Images: [
    { Id: 'sha256:a', RepoTags: ['busybox:latest'], Size: 600, SharedSize: 200, Containers: 2 },
    { Id: 'sha256:b', RepoTags: ['localhost:5000/x'], Size: 300, SharedSize: 200, Containers: 0 },
    { Id: 'sha256:c', RepoTags: ['<none>:<none>'], Size: 100, SharedSize: 0, Containers: -1 },
  ],
  Containers: [
    { Id: '1', State: 'running', SizeRw: 10 },
    { Id: '2', State: 'exited', SizeRw: 30 },
    { Id: '3', State: 'paused', SizeRw: 5 },
    { Id: '4', State: 'created', SizeRw: 0 },
  ],
  Volumes: [
    { Name: 'used', UsageData: { Size: 50, RefCount: 1 } },
    { Name: 'free', UsageData: { Size: 150, RefCount: 0 } },
    { Name: 'unknown', UsageData: { Size: -1, RefCount: 0 } },
  ],
  BuildCache: [
    { ID: 'x', Size: 40, InUse: true, Shared: false },
    { ID: 'y', Size: 60, InUse: false, Shared: false },
    { ID: 'z', Size: 70, InUse: false, Shared: true },
  ],
};

describe('disk usage by the CLI rules', () => {
  const [images, containers, volumes, cache] = diskTotals(df);

  it('counts image space in use as the unique bytes of images containers use', () => {
    // 400 of image a, and c: the engine's -1 counts as in use, as `!= 0` does in the CLI.
    expect(images).toMatchObject({ total: 3, active: 1, size: 1000, reclaimable: 500 });
    expect(images?.reclaimablePercent).toBe(50);
  });

  it('reclaims the writable layers of containers that are not running, paused or restarting', () => {
    expect(containers).toMatchObject({ total: 4, active: 2, size: 45, reclaimable: 30 });
    expect(containers?.reclaimablePercent).toBe(66);
  });

  it('skips volumes the engine could not measure', () => {
    expect(volumes).toMatchObject({ total: 3, active: 1, size: 200, reclaimable: 150 });
    expect(volumes?.reclaimablePercent).toBe(75);
  });

  it('leaves shared build cache out of the size and gives no percentage', () => {
    expect(cache).toMatchObject({ total: 3, active: 1, size: 100, reclaimable: 60 });
    expect(cache?.reclaimablePercent).toBeNull();
  });

  it('splits repository and tag at the tag, not at a registry port', () => {
    const rows = imageRows(df);
    expect(rows.map((r) => [r.repository, r.tag])).toEqual([
      ['busybox', 'latest'],
      ['localhost:5000/x', '<none>'],
      ['<none>', '<none>'],
    ]);
    expect(rows[0]?.uniqueSize).toBe(400);
  });

  it('prints sizes as go-units does', () => {
    expect([0, 999, 1000, 1234, 2_456_789, 999_960, 4_200_000_000].map((b) => cliSize(b))).toEqual([
      '0B',
      '999B',
      '1kB',
      '1.234kB',
      '2.457MB',
      '1000kB',
      '4.2GB',
    ]);
  });
});
