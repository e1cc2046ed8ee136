// Where the engine shown stands when it cannot manage a swarm: outside one
// (init a swarm, or join one with a token), a worker (the engine's own words:
// it is not a manager, and which node is), or in a state the engine names.
// Leave swarm sits here too (a manager's header has its own).
import { useState } from 'react';
import {
  swarmInitCommandLine,
  swarmJoinCommandLine,
  swarmLeaveCommandLine,
} from '../../../electron/contract/swarm-commands.ts';
import { swarmAddress, swarmJoinToken } from '../../../electron/contract/swarm-refs.ts';
import type { SwarmStatus } from '../../../electron/contract/swarm-types.ts';
import { getClient } from '../../client/contract-client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field } from '../containers/new-container/Field.tsx';
import { problemsOf } from './field-problems.ts';
import type { RunSwarmAction } from './use-swarm-action.ts';
import { useReadOnce } from './use-read-once.ts';

export function NotInSwarm(props: { run: RunSwarmAction; onChanged(): void }) {
  const [advertise, setAdvertise] = useState('');
  const [token, setToken] = useState('');
  const [manager, setManager] = useState('');
  const [busy, setBusy] = useState(false);
  const advertiseProblems = advertise.trim() ? problemsOf(swarmAddress, advertise.trim()) : [];
  const tokenProblems = token.trim() ? problemsOf(swarmJoinToken, token.trim()) : [];
  const managerProblems = manager.trim() ? problemsOf(swarmAddress, manager.trim()) : [];
  const act = async (...args: Parameters<RunSwarmAction>) => {
    setBusy(true);
    const ok = await props.run(...args);
    setBusy(false);
    if (ok) props.onChanged();
  };
  const initSpec = advertise.trim() ? { advertiseAddr: advertise.trim() } : {};
  const joinSpec = { token: token.trim(), remoteAddr: manager.trim() };
  return (
    <>
      <p>
        This engine is in no swarm. A swarm joins several engines into one cluster: you run{' '}
        <em>services</em> (an image and how many copies of it) and the swarm&apos;s managers place
        their tasks on the nodes, and move them when a node goes away.
      </p>
      <section aria-labelledby="swarm-init-title" className="swarm-form">
        <h2 id="swarm-init-title">Start a swarm here</h2>
        <Field
          label="Advertise address"
          errors={advertiseProblems}
          hint="Optional: the address or interface other nodes reach this one at (10.0.0.11, eth0)."
        >
          {(a) => <input {...a} value={advertise} onChange={(e) => setAdvertise(e.target.value)} />}
        </Field>
        <button
          type="button"
          className="primary"
          disabled={busy || advertiseProblems.length > 0}
          onClick={() =>
            void act(
              'Init swarm',
              (shell, target) => swarmInitCommandLine(initSpec, shell, target),
              () => getClient().call('swarm.init', initSpec),
            )
          }
        >
          Init swarm
        </button>
      </section>
      <section aria-labelledby="swarm-join-title" className="swarm-form">
        <h2 id="swarm-join-title">Join a swarm</h2>
        <p className="muted">
          Take a token from a manager (its Swarm page, or &quot;docker swarm join-token
          worker&quot;).
        </p>
        <Field label="Join token" errors={tokenProblems}>
          {(a) => <input {...a} value={token} onChange={(e) => setToken(e.target.value)} />}
        </Field>
        <Field label="Manager address" errors={managerProblems} hint="Like 10.0.0.11:2377.">
          {(a) => <input {...a} value={manager} onChange={(e) => setManager(e.target.value)} />}
        </Field>
        <button
          type="button"
          disabled={
            busy ||
            !token.trim() ||
            !manager.trim() ||
            [...tokenProblems, ...managerProblems].length > 0
          }
          onClick={() =>
            void act(
              'Join swarm',
              (shell, target) => swarmJoinCommandLine(joinSpec, shell, target),
              () => getClient().call('swarm.join', joinSpec),
            )
          }
        >
          Join swarm
        </button>
      </section>
    </>
  );
}

/** A worker cannot show the swarm: the app's refusal says so, and which node manages. */
export function WorkerNotice() {
  const { failure } = useReadOnce('swarm.services');
  return failure ? (
    <ErrorAlert message={failure} />
  ) : (
    <p className="muted">This engine is a swarm worker: it runs tasks a manager gives it.</p>
  );
}

/** "Leave swarm", asked first: a manager must force it, and its swarm may lose its quorum. */
export function LeaveSwarm(props: { status: SwarmStatus; run: RunSwarmAction; onChanged(): void }) {
  const [asking, setAsking] = useState(false);
  const force = props.status.state === 'manager';
  const lastManager = force && (props.status.managerCount ?? 1) <= 1;
  return (
    <>
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        Leave swarm
      </button>
      {asking && (
        <ConfirmDialog
          title="Leave the swarm?"
          words={
            force
              ? `This engine is a manager: leaving needs force (docker swarm leave --force). ${
                  lastManager
                    ? 'It is the last manager: the swarm, its services and their tasks are gone with it.'
                    : 'Demote it first to keep the other managers in quorum.'
                }`
              : 'This engine stops running tasks for the swarm; its managers place them on other nodes.'
          }
          confirm={force ? 'Force leave swarm' : 'Leave swarm'}
          onClose={() => setAsking(false)}
          onConfirm={() =>
            void props
              .run(
                'Leave swarm',
                (shell, target) => swarmLeaveCommandLine(force, shell, target),
                () => getClient().call('swarm.leave', { force }),
              )
              .then((ok) => ok && props.onChanged())
          }
        />
      )}
    </>
  );
}
