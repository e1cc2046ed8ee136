// An engine that ran out of room says "no space left on device" and no more.
// With Berth's VM as the engine, that room is the VM's data disk, which the
// user can free, grow or reset on the Engine page: the hint says so, in place
// of any other (a hint for a bad file would only mislead), and the engine's
// own words stay as they were.
import { ContractError, type ErrorEnvelope } from '../contract/errors.ts';
import { toErrorEnvelope } from './engine-errors.ts';

const NO_SPACE = /no space left on device/i;

export const vmDiskFullHint =
  'Berth’s VM has run out of room on its data disk. Open the Engine page: free space there (the Disk page prunes what is unused), make the disk bigger, or Reset the VM.';

/** The envelope with the VM's hint when the engine ran out of room and the engine is the VM. */
export function adviseDiskFull(envelope: ErrorEnvelope, engineIsVm: () => boolean): ErrorEnvelope {
  const words = `${envelope.engineMessage ?? ''} ${envelope.message}`;
  if (!NO_SPACE.test(words) || envelope.hint === vmDiskFullHint || !engineIsVm()) return envelope;
  return { ...envelope, hint: vmDiskFullHint };
}

/** The same for whatever a handler threw: a ContractError with the advised envelope, or the error as it was. */
export function adviseDiskFullError(err: unknown, engineIsVm: () => boolean): unknown {
  const envelope = toErrorEnvelope(err);
  const advised = adviseDiskFull(envelope, engineIsVm);
  return advised === envelope ? err : new ContractError(advised);
}
