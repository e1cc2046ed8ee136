import { describe, expect, it } from 'vitest';
import { ContractError } from '../../electron/contract/errors.ts';
import { envelopeOf, splitEnvelope } from './EngineErrorAlert.tsx';

describe('splitEnvelope', () => {
  it("keeps the engine's words out of Berth's sentence and puts them in the details", () => {
    expect(
      splitEnvelope({
        kind: 'engine',
        message: "Couldn't create web: invalid mount config: bind source path does not exist: /x",
        engineMessage: 'invalid mount config: bind source path does not exist: /x',
        hint: 'Create the folder first, or pick one that exists.',
      }),
    ).toEqual({
      what: "Couldn't create web.",
      advice: 'Create the folder first, or pick one that exists.',
      details: 'invalid mount config: bind source path does not exist: /x',
    });
  });

  it('always has advice when the engine spoke, and no details when it did not', () => {
    expect(splitEnvelope({ kind: 'engine', message: 'boom', engineMessage: 'boom' })).toEqual({
      what: 'The engine refused.',
      advice: 'Read the details below, change what they name, and try again.',
      details: 'boom',
    });
    expect(
      splitEnvelope({ kind: 'timeout', message: 'The engine did not answer in time' }),
    ).toEqual({ what: 'The engine did not answer in time.', advice: null, details: null });
  });

  it('takes the envelope off a ContractError, and wraps anything else', () => {
    const envelope = { kind: 'conflict' as const, message: 'taken' };
    expect(envelopeOf(new ContractError(envelope))).toBe(envelope);
    expect(envelopeOf(new Error('lost'))).toEqual({ kind: 'internal', message: 'lost' });
  });
});
