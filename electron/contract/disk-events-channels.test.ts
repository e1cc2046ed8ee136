import { describe, expect, it } from 'vitest';
import { callArgs, streamArgs } from './channels.ts';
import { pruneCommandLine } from './disk-channels.ts';
import { transferKinds } from './transfers-channels.ts';

describe('disk and events arguments', () => {
  it('takes a prune of containers, volumes or build cache, and nothing else', () => {
    expect(callArgs['disk.prune'].safeParse([{ kind: 'volumes', all: true }]).success).toBe(true);
    for (const bad of [
      [{ kind: 'images', all: false }],
      [{ kind: 'volumes' }],
      [{ kind: 'volumes', all: false, filters: { label: ['x'] } }],
      [],
    ])
      expect(callArgs['disk.prunePreview'].safeParse(bad).success).toBe(false);
  });

  it('follows events with a replay choice only', () => {
    expect(streamArgs['events.follow'].safeParse([{ replay: true }]).success).toBe(true);
    expect(streamArgs['events.follow'].safeParse([{ replay: 'yes' }]).success).toBe(false);
    expect(streamArgs['events.follow'].safeParse([{ replay: true, since: 0 }]).success).toBe(false);
  });

  it('exports with a known type and a bounded text only', () => {
    const args = transferKinds['events.export'].args;
    expect(args.safeParse({ type: 'container', text: 'web start' }).success).toBe(true);
    expect(args.safeParse({ type: 'bogus' }).success).toBe(false);
    expect(args.safeParse({ text: 'x'.repeat(501) }).success).toBe(false);
    expect(transferKinds['events.export'].fileName({})).toBe('events.jsonl');
  });

  it('shows each prune as the CLI line, -a only where it means something', () => {
    const line = (kind: 'containers' | 'volumes' | 'buildCache', all: boolean) =>
      pruneCommandLine({ kind, all }, 'posix');
    expect(line('containers', true)).toBe('docker container prune -f');
    expect(line('volumes', false)).toBe('docker volume prune -f');
    expect(line('volumes', true)).toBe('docker volume prune -a -f');
    expect(line('buildCache', true)).toBe('docker builder prune -a -f');
    expect(
      pruneCommandLine({ kind: 'volumes', all: false }, 'powershell', { context: "it's" }),
    ).toBe("docker --context 'it''s' volume prune -f");
  });
});
