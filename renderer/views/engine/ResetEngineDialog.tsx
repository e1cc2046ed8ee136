import { ResetDialog } from './ResetDialog.tsx';

/** Asks before Reset engine, saying plainly what goes: everything the engine holds. */
export function ResetEngineDialog(props: { onConfirm(): void; onClose(): void }) {
  return (
    <ResetDialog
      {...props}
      title="Reset engine"
      what={
        <>
          Berth stops its engine, deletes{' '}
          <strong>all of its images, containers, volumes and networks</strong> and the host bridges
          it made for them, then starts it again, empty. The data in its volumes is lost. This
          cannot be undone.
        </>
      }
    />
  );
}
