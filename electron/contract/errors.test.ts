import { describe, expect, it } from 'vitest';
import { ContractError, describeError, describeFailure, isErrorEnvelope } from './errors.ts';

describe('describeError', () => {
  it('quotes the engine message after our own words, then the hint', () => {
    expect(
      describeError({
        kind: 'engine',
        message: "Couldn't start web",
        engineMessage: 'port is already allocated',
        hint: 'Pick another host port.',
      }),
    ).toBe("Couldn't start web (engine: port is already allocated) Pick another host port.");
  });

  it('does not repeat an engine message already in the text', () => {
    expect(
      describeError({
        kind: 'engine',
        message: 'No such container: x',
        engineMessage: 'No such container: x',
      }),
    ).toBe('No such container: x');
  });
});

describe('isErrorEnvelope', () => {
  it('accepts an envelope and rejects other values', () => {
    expect(isErrorEnvelope({ kind: 'internal', message: 'x' })).toBe(true);
    expect(isErrorEnvelope({ message: 'x' })).toBe(false);
    expect(isErrorEnvelope(null)).toBe(false);
  });
});

describe('describeFailure', () => {
  it('reads an envelope, an Error, or anything else', () => {
    expect(
      describeFailure(new ContractError({ kind: 'engine', message: 'No', hint: 'Do this.' })),
    ).toBe('No Do this.');
    expect(describeFailure(new Error('socket closed'))).toBe('socket closed');
    expect(describeFailure('plain')).toBe('plain');
    expect(describeFailure(null)).toBe('null');
  });
});
