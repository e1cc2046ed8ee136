import type { VmStatus } from '../../../../electron/contract/vm-channels.ts';
import { formatBytes } from '../../containers/stats-format.ts';

/**
 * The VM's data disk is full (the guest's own count): what that breaks, in
 * plain words, and the three ways out: free space, a bigger disk, or Reset.
 */
export function VmDiskFullAlert({
  use,
  onReset,
}: {
  use: NonNullable<VmStatus['diskUse']>;
  onReset(): void;
}) {
  return (
    <div role="alert" aria-label="VM data disk full" className="alert vm-disk-full">
      <p>
        <strong>The VM’s data disk is full:</strong> {formatBytes(use.availableBytes)} free of{' '}
        {formatBytes(use.sizeBytes)}. Pulls, builds and new containers fail until there is room (the
        engine says “no space left on device”), and running containers may fail as they write.
      </p>
      <ul>
        <li>
          <strong>Free space:</strong> remove what you no longer need.{' '}
          <a href="#/disk">Open the Disk page</a> to prune unused images, containers, volumes and
          build cache.
        </li>
        <li>
          <strong>Make the disk bigger:</strong> raise “Disk size” under VM resources, save, then
          restart the VM: it grows its file system as it starts.{' '}
          <button type="button" onClick={focusDiskSize}>
            Change disk size
          </button>
        </li>
        <li>
          <strong>Start over:</strong> Reset deletes the disk, with every image, container and
          volume in it, and starts the VM with an empty one.{' '}
          <button type="button" className="danger" onClick={onReset}>
            Reset
          </button>
        </li>
      </ul>
    </div>
  );
}

function focusDiskSize(): void {
  const field = document.getElementById('vm-diskGiB');
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}
