import { describe, expect, it } from 'vitest';
import type { EventLogEntry } from '../../../electron/contract/events-channels.ts';
import { changesDisk } from '../disk/use-disk-usage.ts';
import { actorText, appendBounded, attributesText, PAGE_EVENTS, timeTitle } from './event-log.ts';

const entry = (seq: number): EventLogEntry => ({
  seq,
  type: 'container',
  action: 'start',
  actorId: 'a'.repeat(64),
  name: 'web',
  attributes: { name: 'web', image: 'busybox' },
  timeSec: '1700000000',
  timeNanos: '5',
});

describe('the events page list', () => {
  it('keeps the newest events up to the page bound', () => {
    const old = Array.from({ length: PAGE_EVENTS }, (_, i) => entry(i + 1));
    const next = appendBounded(old, [entry(PAGE_EVENTS + 1), entry(PAGE_EVENTS + 2)]);
    expect(next).toHaveLength(PAGE_EVENTS);
    expect(next[0]?.seq).toBe(3);
    expect(next.at(-1)?.seq).toBe(PAGE_EVENTS + 2);
  });

  it('names the actor with a short id, and lists the other attributes', () => {
    expect(actorText(entry(1))).toBe(`web (${'a'.repeat(12)})`);
    expect(actorText({ name: '', actorId: 'bridge' })).toBe('bridge');
    expect(attributesText(entry(1))).toBe('image=busybox');
    expect(timeTitle(entry(1))).toBe('2023-11-14T22:13:20.000000005Z');
  });

  it('refreshes disk usage only on events that change it', () => {
    expect(changesDisk({ type: 'container', action: 'destroy' })).toBe(true);
    expect(changesDisk({ type: 'volume', action: 'mount' })).toBe(true);
    expect(changesDisk({ type: 'container', action: 'exec_start' })).toBe(false);
    expect(changesDisk({ type: 'container', action: 'resize' })).toBe(false);
    expect(changesDisk({ type: 'network', action: 'connect' })).toBe(false);
  });
});
