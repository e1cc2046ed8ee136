import { useModal } from '../../../use-modal.ts';

/** Asks before Reset of the VM, saying plainly what goes: its data disk, so everything in it. */
export function ResetVmDialog(props: { onConfirm(): void; onClose(): void }) {
  const ref = useModal();
  return (
    <dialog
      ref={ref}
      aria-labelledby="reset-vm-title"
      aria-describedby="reset-vm-what"
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id="reset-vm-title">Reset the VM?</h2>
      <p id="reset-vm-what">
        Berth stops the VM, deletes its data disk, so{' '}
        <strong>everything in the VM: all images, containers and volumes</strong>, and starts it
        again with a new, empty disk. The data in its volumes is lost. Your own folders shared into
        the VM are not touched. This cannot be undone.
      </p>
      <div className="dialog-buttons">
        <button type="button" autoFocus onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            props.onClose();
            props.onConfirm();
          }}
        >
          Reset and delete everything
        </button>
      </div>
    </dialog>
  );
}
