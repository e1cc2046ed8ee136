import type { EngineStatus } from '../../../../electron/contract/engine-types.ts';
import type { VmStatus } from '../../../../electron/contract/vm-channels.ts';
import { VmCliLine } from './VmCliLine.tsx';
import { VmStartProgress, VmStartSteps } from './VmStartProgress.tsx';
import { acceleratorText, dataDiskText, memoryText, vmWarning } from './vm-format.ts';
import './vm-section.css';

/** What Berth's Linux VM is and does: its start, image, accelerator, disk, folders and ports. */
export function VmSection({ status, vm }: { status: EngineStatus; vm: VmStatus }) {
  const warning = vmWarning(vm);
  return (
    <section className="panel vm-section" aria-labelledby="vm-title">
      <h2 id="vm-title">Linux VM</h2>
      {status.state === 'starting' && <VmStartProgress status={status} />}
      {warning && (
        <div className="vm-warning">
          <p>
            <span aria-hidden="true">⚠ </span>
            {warning.text}
          </p>
          {warning.detail && <p className="fine-print">{warning.detail}</p>}
        </div>
      )}
      <dl className="facts">
        <dt>Image</dt>
        <dd>
          {vm.image ? (
            <>
              version {vm.image.version}{' '}
              <span className="muted">
                (kernel {vm.image.kernel}, Docker {vm.image.dockerd})
              </span>
            </>
          ) : (
            <span className="hint">No VM image is installed.</span>
          )}
        </dd>
        <dt>Accelerator</dt>
        <dd>{acceleratorText(vm.accelerator)}</dd>
        <dt>Running with</dt>
        <dd>
          {vm.running ? resourcesText(vm.running) : <span className="muted">not running</span>}
        </dd>
        <dt>Data disk</dt>
        <dd>{dataDiskText(vm) ?? <span className="muted">not made yet</span>}</dd>
        <dt>Shared folders</dt>
        <dd>
          {vm.sharedFolders.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="vm-folders">
              {vm.sharedFolders.map((folder) => (
                <li key={folder}>
                  <code>{folder}</code> <span className="muted">(same path in the VM)</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Engine API</dt>
        <dd>
          {vm.apiPort !== undefined ? (
            <>
              <code>127.0.0.1:{vm.apiPort}</code>{' '}
              <span className="muted">(TLS with client certificates)</span>
            </>
          ) : (
            <span className="muted">not forwarded yet</span>
          )}
        </dd>
      </dl>
      {vm.portProblems.length > 0 && <PortProblems problems={vm.portProblems} />}
      {status.cliHint && <VmCliLine context={status.cliHint.context} />}
      <VmStartSteps status={status} />
    </section>
  );
}

function resourcesText(r: { cpus: number; memoryMiB: number; diskGiB: number }): string {
  return `${r.cpus} CPU${r.cpus === 1 ? '' : 's'}, ${memoryText(r.memoryMiB)} memory, ${r.diskGiB} GiB disk`;
}

/** Published ports the host could not take: the container runs, but not on this port here. */
function PortProblems({ problems }: { problems: VmStatus['portProblems'] }) {
  return (
    <div className="vm-port-problems">
      <h3 id="vm-ports-title">Ports not forwarded to this computer</h3>
      <ul aria-labelledby="vm-ports-title">
        {problems.map((p) => (
          <li key={`${p.protocol}-${p.port}-${p.container}`}>
            <code>
              127.0.0.1:{p.port}/{p.protocol}
            </code>{' '}
            for <strong>{p.container}</strong>: {p.reason}
          </li>
        ))}
      </ul>
      <p className="muted fine-print">
        The containers still run. Stop what uses the port on this computer and restart the
        container, or publish it on another port.
      </p>
    </div>
  );
}
