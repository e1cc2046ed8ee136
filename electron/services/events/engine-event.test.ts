import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventKey, normalizeEvent, sinceOf } from './engine-event.ts';

const lines = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean);

describe('normalizeEvent on events recorded from dockerd 20.10', () => {
  const events = lines('docker-20.10-events.jsonl').map(normalizeEvent);

  it('reads every recorded line', () => {
    expect(events.every((e) => e !== null)).toBe(true);
  });

  it('gives container events their type, action, actor and attributes', () => {
    const create = events[0]!;
    expect(create).toMatchObject({
      type: 'container',
      action: 'create',
      attributes: { name: 'sample-1', a: '<b>' },
    });
    expect(create.actorId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('splits an action detail after the colon', () => {
    const exec = events.find((e) => e?.action === 'exec_start');
    expect(exec?.actionDetail).toBe('echo hi');
  });

  it('keeps nanoseconds exactly, though timeNano overflows a double', () => {
    const raw = lines('docker-20.10-events.jsonl')[0]!;
    const nano = /"timeNano":(\d+)/.exec(raw)![1]!;
    const e = normalizeEvent(raw)!;
    expect(`${e.timeSec}${e.timeNanos.padStart(9, '0')}`).toBe(nano);
    expect(sinceOf(e)).toBe(`${nano.slice(0, -9)}.${nano.slice(-9)}`);
  });

  it('reads network and volume events', () => {
    expect(events.map((e) => `${e!.type}/${e!.action}`)).toEqual(
      expect.arrayContaining([
        'network/connect',
        'volume/create',
        'volume/destroy',
        'container/destroy',
      ]),
    );
  });
});

describe('normalizeEvent on older engines and Podman', () => {
  const [legacyDie, legacyUntag, podmanHealth, podmanDied] =
    lines('legacy-and-podman.jsonl').map(normalizeEvent);

  it('treats a pre-1.22 event as a container event with its image from `from`', () => {
    expect(legacyDie).toMatchObject({
      type: 'container',
      action: 'die',
      actorId: '9c1f2ab7e1a4',
      attributes: { image: 'busybox:latest' },
      timeSec: '1461943101',
      timeNanos: '0',
    });
    expect(legacyUntag?.action).toBe('untag');
  });

  it("reads Podman's health status and its own action names", () => {
    expect(podmanHealth).toMatchObject({
      action: 'health_status',
      actionDetail: 'healthy',
      timeNanos: '12345678',
    });
    expect(podmanDied?.action).toBe('died');
    expect(sinceOf(podmanDied!)).toBe('1700000001.000000007');
  });

  it('returns null for lines that are not events', () => {
    expect(normalizeEvent('not json')).toBeNull();
    expect(normalizeEvent('[1,2]')).toBeNull();
    expect(normalizeEvent('{"foo":1}')).toBeNull();
  });

  it('gives one event the same key on each delivery, and different events different keys', () => {
    const again = normalizeEvent(lines('legacy-and-podman.jsonl')[2]!)!;
    expect(eventKey(again)).toBe(eventKey(podmanHealth!));
    expect(eventKey(podmanDied!)).not.toBe(eventKey(podmanHealth!));
  });
});
