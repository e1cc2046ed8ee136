import { describe, expect, it } from 'vitest';
import { GuestError } from './guest-progress.ts';
import { guestStepError } from './vm-steps.ts';

describe('guestStepError', () => {
  it('names a full data disk as the reason dockerd did not start, with the ways out', () => {
    const error = guestStepError(
      'ready',
      new GuestError('data disk full: dockerd cannot run with 11 MiB free of 62000 MiB'),
    );
    expect(error.envelope.message).toBe(
      'The VM stopped at "ready": data disk full: dockerd cannot run with 11 MiB free of 62000 MiB',
    );
    expect(error.envelope.engineMessage).toMatch(/^data disk full/);
    expect(error.envelope.hint).toMatch(/data disk is full/);
    expect(error.envelope.hint).toMatch(/Disk size/);
    expect(error.envelope.hint).toMatch(/Reset/);
  });

  it('offers Reset for a data disk the guest cannot use, and the console otherwise', () => {
    const corrupt = guestStepError(
      'data disk mounted',
      new GuestError('data disk /dev/vda is corrupt'),
    );
    expect(corrupt.envelope.hint).toMatch(/cannot be used. Reset/);
    const other = guestStepError('network up', new GuestError('network: no eth0'));
    expect(other.envelope.hint).toMatch(/VM console/);
  });
});
