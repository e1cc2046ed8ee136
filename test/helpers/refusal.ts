// The error envelope a promise rejected with, as the user would read it: a
// ContractError's own, or what engine-errors makes of a raw error. Throws
// when the promise resolved.
import { ContractError, type ErrorEnvelope } from '../../electron/contract/errors.ts';
import { toErrorEnvelope } from '../../electron/services/engine-errors.ts';

export async function refusalOf(promise: Promise<unknown>): Promise<ErrorEnvelope> {
  const error = await promise.then(
    () => new Error('it succeeded'),
    (e: unknown) => e,
  );
  if (error instanceof Error && error.message === 'it succeeded') throw error;
  return error instanceof ContractError ? error.envelope : toErrorEnvelope(error);
}
