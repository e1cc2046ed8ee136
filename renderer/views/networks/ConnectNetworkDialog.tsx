// "Connect": `docker network connect` of a container to a network, with
// aliases (other names it answers to there) and, on a network with a subnet
// of its own, a fixed IPv4 address. Opened from a network (pick the
// container) or from a container's page (pick the network).
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ErrorEnvelope } from '../../../electron/contract/errors.ts';
import { networkConnectCommand } from '../../../electron/contract/network/network-commands.ts';
import {
  connectAddressProblem,
  isPredefinedNetwork,
  type NetworkConnectSpec,
} from '../../../electron/contract/network/network-spec.ts';
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { networkAlias } from '../../../electron/contract/refs.ts';
import { getClient } from '../../client/contract-client.ts';
import { EngineErrorAlert, envelopeOf } from '../../components/EngineErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useContainersStore } from '../../stores/containers-store.ts';
import { useModal } from '../../use-modal.ts';
import { Field } from '../containers/new-container/Field.tsx';
import { useNetworks } from './use-networks.ts';

/** Networks no container joins by hand: the host's own stack, and none at all. */
const unjoinable = (n: NetworkSummary) => n.name === 'host' || n.name === 'none';

export function ConnectNetworkDialog(props: {
  /** The network to join; absent: the user picks one. */
  network?: NetworkSummary;
  /** The container to connect (its name); absent: the user picks one. */
  container?: string;
  onClose(): void;
}) {
  const modal = useModal();
  const cliTarget = useCliTarget();
  const { networks } = useNetworks();
  const containers = useContainersStore(
    useShallow((s) =>
      Object.values(s.byId)
        .map((c) => c.name)
        .sort(),
    ),
  );
  const [networkName, setNetworkName] = useState(props.network?.name ?? '');
  const [container, setContainer] = useState(props.container ?? '');
  const [aliasText, setAliasText] = useState('');
  const [ipv4, setIpv4] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorEnvelope | null>(null);

  const network = props.network ?? networks.find((n) => n.name === networkName);
  const attached = new Set(network?.containers.map((c) => c.containerName) ?? []);
  const pickableContainers = containers.filter((c) => !attached.has(c));
  const pickableNetworks = networks
    .filter((n) => !unjoinable(n) && !n.containers.some((c) => c.containerName === container))
    .sort((a, b) => a.name.localeCompare(b.name));
  const aliases = aliasText.split(/[\s,]+/).filter(Boolean);
  const aliasProblems = aliases
    .filter((a) => !networkAlias.safeParse(a).success)
    .map((a) => `${a}: an alias is letters, digits, _ . or -, starting with a letter or digit`);
  const fixedAddress = Boolean(
    network && !isPredefinedNetwork(network.name) && network.subnets.length,
  );
  const subnets = network?.subnets.map((s) => s.subnet) ?? [];
  const addressProblem = fixedAddress ? connectAddressProblem(ipv4.trim(), subnets) : null;
  const spec: NetworkConnectSpec = {
    network: network?.name ?? '',
    container,
    aliases,
    ipv4: fixedAddress ? ipv4.trim() : '',
  };
  const ready = Boolean(spec.network && spec.container) && !aliasProblems.length && !addressProblem;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await getClient().call('networks.connect', spec);
      props.onClose();
    } catch (err) {
      setFailure(envelopeOf(err));
      setBusy(false);
    }
  };

  const title = props.network
    ? `Connect to ${props.network.name}`
    : `Connect ${props.container ?? 'a container'} to a network`;
  return (
    <dialog
      ref={modal}
      aria-labelledby="connect-network-title"
      className="dialog network-dialog"
      onCancel={props.onClose}
    >
      <h2 id="connect-network-title">{title}</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        {!props.container && (
          <Field label="Container" term="container">
            {(c) => (
              <select
                {...c}
                autoFocus
                value={container}
                onChange={(e) => setContainer(e.target.value)}
              >
                <option value="">Pick a container</option>
                {pickableContainers.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {!props.network && (
          <Field label="Network" term="network">
            {(c) => (
              <select
                {...c}
                autoFocus
                value={networkName}
                onChange={(e) => setNetworkName(e.target.value)}
              >
                <option value="">Pick a network</option>
                {pickableNetworks.map((n) => (
                  <option key={n.id} value={n.name}>
                    {n.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label="Aliases"
          errors={aliasProblems.length ? aliasProblems : undefined}
          hint="Optional: other names it answers to on this network, separated by spaces or commas"
        >
          {(c) => (
            <input
              {...c}
              value={aliasText}
              spellCheck={false}
              onChange={(e) => setAliasText(e.target.value)}
            />
          )}
        </Field>
        {fixedAddress && (
          <Field
            label="IPv4 address"
            errors={addressProblem ? [addressProblem] : undefined}
            hint={`Optional: a fixed address inside ${subnets.join(', ')}; empty: the engine picks one`}
          >
            {(c) => (
              <input
                {...c}
                value={ipv4}
                spellCheck={false}
                onChange={(e) => setIpv4(e.target.value)}
              />
            )}
          </Field>
        )}
        <ShowCommand
          command={(shell) => (ready ? networkConnectCommand(spec, shell, cliTarget) : null)}
        />
        {failure && <EngineErrorAlert error={failure} />}
        <div className="dialog-buttons">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !ready}>
            Connect
          </button>
        </div>
      </form>
    </dialog>
  );
}
