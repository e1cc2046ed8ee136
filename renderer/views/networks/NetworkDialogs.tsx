// The one network dialog open at a time, for the Networks page and a network's page.
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { ConnectNetworkDialog } from './ConnectNetworkDialog.tsx';
import { CreateNetworkDialog } from './CreateNetworkDialog.tsx';
import { DisconnectNetworkDialog } from './DisconnectNetworkDialog.tsx';
import { RemoveNetworkDialog } from './RemoveNetworkDialog.tsx';

export type NetworkDialog =
  | { kind: 'create' }
  | { kind: 'connect'; network: NetworkSummary }
  | { kind: 'disconnect'; network: NetworkSummary; container?: string }
  | { kind: 'remove'; network: NetworkSummary };

export function NetworkDialogs(props: {
  dialog: NetworkDialog;
  onClose(): void;
  onRemoved?(): void;
}) {
  const { dialog, onClose } = props;
  switch (dialog.kind) {
    case 'create':
      return <CreateNetworkDialog onClose={onClose} />;
    case 'connect':
      return <ConnectNetworkDialog network={dialog.network} onClose={onClose} />;
    case 'disconnect':
      return (
        <DisconnectNetworkDialog
          network={dialog.network}
          {...(dialog.container ? { container: dialog.container } : {})}
          onClose={onClose}
        />
      );
    case 'remove':
      return (
        <RemoveNetworkDialog
          network={dialog.network}
          onClose={(removed) => {
            onClose();
            if (removed) props.onRemoved?.();
          }}
        />
      );
  }
}
