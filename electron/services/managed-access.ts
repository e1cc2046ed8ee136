// What may be asked of Berth's own engine, and the refusals when it cannot
// be: there is none here, another engine is shown, or it is not a VM.
import type { EngineCandidate } from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';
import { MANAGED_ID } from './engine-candidates.ts';
import type { ManagedEngine, ManagedVm } from './managed-engine-port.ts';

export function noManagedEngine(advice: string): never {
  throw new ContractError({
    kind: 'not-found',
    message: 'Berth cannot start a managed engine on this machine.',
    hint: advice,
  });
}

/** The managed engine for `action`; only `start` may be asked while another engine is shown. */
export function requireManaged(
  managed: ManagedEngine | null,
  shown: EngineCandidate | null,
  action: string,
  advice: string,
): ManagedEngine {
  if (!managed) noManagedEngine(advice);
  if (shown && shown.id !== MANAGED_ID && action !== 'start') {
    throw new ContractError({
      kind: 'bad-request',
      message: `The engine in use (${shown.label}) is not managed by Berth, so Berth cannot ${action} it.`,
      hint: 'Use the tool that runs it, or switch to the managed engine.',
    });
  }
  return managed;
}

export function managedVm(managed: ManagedEngine | null): ManagedVm {
  const vm = managed?.vm;
  if (!vm) {
    throw new ContractError({
      kind: 'not-found',
      message: "Berth's own engine here is not a VM: there are no VM settings to change.",
      hint: 'Start Berth with --engine vm to run its engine in a Linux VM.',
    });
  }
  return vm;
}
