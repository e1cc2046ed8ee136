import { describe, expect, it } from 'vitest';
import { GuestError, GuestProgress, parseConsoleLine } from './guest-progress.ts';

describe('guest console markers', () => {
  it('reads markers and error words, ignoring other lines and a trailing carriage return', () => {
    expect(parseConsoleLine('berth-guest: network up\r')).toEqual({ marker: 'network up' });
    expect(parseConsoleLine('[    3.1] berth-guest: ready')).toEqual({ marker: 'ready' });
    expect(parseConsoleLine('berth-guest: error: data disk /dev/vda is corrupt')).toEqual({
      error: 'data disk /dev/vda is corrupt',
    });
    expect(parseConsoleLine('Linux version 6.1.0')).toBeNull();
  });

  it('resolves a wait once its marker comes, also when it came before', async () => {
    const progress = new GuestProgress();
    progress.line('berth-guest: init started');
    await progress.waitFor('init started', new AbortController().signal);
    const later = progress.waitFor('network up', new AbortController().signal);
    progress.line('berth-guest: modules loaded');
    progress.line('berth-guest: network up');
    await later;
  });

  it('fails the waiting step with the guest’s words on an error marker', async () => {
    const progress = new GuestProgress();
    const waiting = progress.waitFor('data disk mounted', new AbortController().signal);
    progress.line('berth-guest: error: data disk /dev/vda could not be mounted: bad superblock');
    await expect(waiting).rejects.toThrow(GuestError);
    await expect(progress.waitFor('ready', new AbortController().signal)).rejects.toThrow(
      /bad superblock/,
    );
  });

  it('forgets the last boot on reset, and gives up when aborted', async () => {
    const progress = new GuestProgress();
    progress.line('berth-guest: error: something');
    progress.reset();
    expect(progress.error).toBeNull();
    const abort = new AbortController();
    const waiting = progress.waitFor('ready', abort.signal);
    abort.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});
