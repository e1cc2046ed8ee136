import type { ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import './engine-reset.css';

/** Asks before a reset, saying plainly what goes; described by what it deletes. */
export function ResetDialog(props: {
  title: string;
  what: ReactNode;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <ConfirmDialog
      title={props.title}
      words={props.what}
      confirm="Reset and delete everything"
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    />
  );
}
