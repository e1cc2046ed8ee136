import { describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../../electron/contract/channels.ts';
import { BY_NAME, parseKeyValueLines, visibleVolumes, volumeAge } from './volume-list.ts';

const volume = (name: string, more: Partial<VolumeSummary> = {}): VolumeSummary => ({
  id: name,
  name,
  driver: 'local',
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  scope: 'local',
  createdAt: '2026-12-01T10:00:00Z',
  labels: {},
  options: {},
  usedBy: [],
  ...more,
});

describe('visibleVolumes', () => {
  const all = [
    volume('web-data', { usedBy: ['web'], labels: { tier: 'front' } }),
    volume('cache', { createdAt: '2026-12-02T10:00:00Z' }),
    volume('db', { usedBy: ['db1'] }),
  ];
  it('keeps the volumes whose name, labels or users hold every word', () => {
    expect(visibleVolumes(all, 'tier=front', BY_NAME).map((v) => v.name)).toEqual(['web-data']);
    expect(visibleVolumes(all, 'unused', BY_NAME).map((v) => v.name)).toEqual(['cache']);
    expect(visibleVolumes(all, 'db1', BY_NAME).map((v) => v.name)).toEqual(['db']);
  });
  it('sorts by name, by age and by the sizes read', () => {
    expect(visibleVolumes(all, '', BY_NAME).map((v) => v.name)).toEqual([
      'cache',
      'db',
      'web-data',
    ]);
    const newest = visibleVolumes(all, '', { key: 'created', direction: 'descending' });
    expect(newest[0]!.name).toBe('cache');
    const big = visibleVolumes(all, '', { key: 'size', direction: 'descending' }, { db: 10 });
    expect(big[0]!.name).toBe('db');
  });
});

describe('volumeAge and parseKeyValueLines', () => {
  it('says how old a volume is, and nothing without a time', () => {
    expect(volumeAge('2026-12-01T10:00:00Z', Date.parse('2026-12-01T12:00:00Z'))).toBe(
      '2 hours ago',
    );
    expect(volumeAge('', 0)).toBe('');
  });
  it('reads key=value lines and names each bad line', () => {
    expect(parseKeyValueLines('type=tmpfs\n\n# c\ndevice=tmpfs\no=size=1m')).toEqual({
      ok: true,
      value: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
    });
    expect(parseKeyValueLines('=x\nnovalue')).toEqual({
      ok: false,
      errors: ['Line 1: "=x": expected key=value', 'Line 2: "novalue": expected key=value'],
    });
  });
});
