import { ContractError, type ErrorEnvelope } from '../../electron/contract/errors.ts';

/** The envelope a call rejected with; fails the test if it did not reject with one. */
export async function failure(work: unknown): Promise<ErrorEnvelope> {
  try {
    await work;
  } catch (err) {
    if (err instanceof ContractError) return err.envelope;
    throw err;
  }
  throw new Error('expected the call to fail');
}
