import { ResetDialog } from '../ResetDialog.tsx';

/** Asks before Reset of the VM, saying plainly what goes: its data disk, so everything in it. */
export function ResetVmDialog(props: { onConfirm(): void; onClose(): void }) {
  return (
    <ResetDialog
      {...props}
      title="Reset the VM?"
      what={
        <>
          Berth stops the VM, deletes its data disk, so{' '}
          <strong>everything in the VM: all images, containers and volumes</strong>, and starts it
          again with a new, empty disk. The data in its volumes is lost. Your own folders shared
          into the VM are not touched. This cannot be undone.
        </>
      }
    />
  );
}
