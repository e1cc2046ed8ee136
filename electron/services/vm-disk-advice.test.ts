import { describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors.ts';
import { adviseDiskFull, adviseDiskFullError, vmDiskFullHint } from './vm-disk-advice.ts';

const noSpace = {
  kind: 'engine' as const,
  message:
    "Couldn't load the image: Error processing tar file(exit status 1): write /big.bin: no space left on device",
  engineMessage:
    'Error processing tar file(exit status 1): write /big.bin: no space left on device',
  hint: 'Upload a tar written by `docker save` (or `docker image save`).',
};

describe('adviseDiskFull', () => {
  it('points an engine out of room to the Engine page when the engine is the VM, keeping its words', () => {
    const advised = adviseDiskFull(noSpace, () => true);
    expect(advised.hint).toBe(vmDiskFullHint);
    expect(advised.hint).toMatch(/Engine page/);
    expect(advised.engineMessage).toBe(noSpace.engineMessage);
    expect(advised.message).toBe(noSpace.message);
  });

  it('leaves other engines and other errors alone', () => {
    expect(adviseDiskFull(noSpace, () => false)).toBe(noSpace);
    const other = {
      kind: 'engine' as const,
      message: 'No such image: x',
      engineMessage: 'No such image: x',
    };
    expect(adviseDiskFull(other, () => true)).toBe(other);
  });

  it('finds the words in the message when the engine’s are not apart', () => {
    const envelope = {
      kind: 'internal' as const,
      message: 'mkdir /var/lib/docker/x: No space left on device',
    };
    expect(adviseDiskFull(envelope, () => true).hint).toBe(vmDiskFullHint);
  });
});

describe('adviseDiskFullError', () => {
  it('turns what a handler threw into an advised ContractError', () => {
    const modemError = Object.assign(new Error('(HTTP code 500) server error'), {
      statusCode: 500,
      json: { message: 'write /var/lib/docker/tmp/x: no space left on device' },
    });
    const advised = adviseDiskFullError(modemError, () => true);
    expect(advised).toBeInstanceOf(ContractError);
    expect((advised as ContractError).envelope).toMatchObject({
      engineMessage: 'write /var/lib/docker/tmp/x: no space left on device',
      status: 500,
      hint: vmDiskFullHint,
    });
  });

  it('gives back the same error when there is nothing to add', () => {
    const error = new ContractError({ kind: 'not-found', message: 'gone' });
    expect(adviseDiskFullError(error, () => true)).toBe(error);
  });
});
