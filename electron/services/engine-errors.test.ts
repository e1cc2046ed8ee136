import { describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors.ts';
import { toErrorEnvelope } from './engine-errors.ts';

describe('toErrorEnvelope', () => {
  it("keeps the engine's message and status from a docker-modem error", () => {
    const err = Object.assign(new Error('(HTTP code 409) unexpected'), {
      statusCode: 409,
      reason: 'unexpected',
      json: { message: 'Conflict. The container name "/web" is already in use' },
    });
    expect(toErrorEnvelope(err, "Couldn't create web")).toEqual({
      kind: 'conflict',
      message: `Couldn't create web: Conflict. The container name "/web" is already in use`,
      engineMessage: 'Conflict. The container name "/web" is already in use',
      status: 409,
    });
  });

  it('reads an engine body that arrived as bytes', () => {
    const json = new TextEncoder().encode('{"message":"No such container: x"}');
    expect(toErrorEnvelope({ statusCode: 404, json }).engineMessage).toBe('No such container: x');
  });

  it("finds the engine's words in a refused stream's error, which has no body", () => {
    const cause = 'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused';
    const err = Object.assign(new Error(`(HTTP code 500) server error - ${cause} `), {
      statusCode: 500,
      reason: 'server error',
      json: null,
    });
    expect(toErrorEnvelope(err, "Couldn't pull x")).toMatchObject({
      kind: 'engine',
      engineMessage: cause,
      message: `Couldn't pull x: ${cause}`,
    });
  });

  it('passes a ContractError envelope through unchanged', () => {
    const envelope = { kind: 'timeout' as const, message: 'late', step: 'wait for /_ping' };
    expect(toErrorEnvelope(new ContractError(envelope))).toBe(envelope);
  });

  it('names an unreachable socket and a denied one', () => {
    expect(toErrorEnvelope(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).kind).toBe(
      'unreachable',
    );
    expect(toErrorEnvelope(Object.assign(new Error('x'), { code: 'EACCES' })).kind).toBe(
      'permission-denied',
    );
  });

  it('turns anything else into an internal error with its message', () => {
    expect(toErrorEnvelope('boom')).toEqual({ kind: 'internal', message: 'boom' });
  });
  it('says plainly that a redirect was not followed', () => {
    const err = new Error(
      'Max redirects exceeded. To allow more redirects, pass options.maxRedirects property.',
    );
    expect(toErrorEnvelope(err, "Couldn't read the image x")).toEqual({
      kind: 'engine',
      message:
        "Couldn't read the image x: the engine answered with a redirect, which Berth does not follow.",
    });
  });
});

describe('toErrorEnvelope on TLS failures', () => {
  it("words a TLS socket's error with the target its agent tagged it with", () => {
    const error = Object.assign(new Error('certificate has expired'), {
      code: 'CERT_HAS_EXPIRED',
      berthTls: { where: '10.0.0.2:2376', host: '10.0.0.2', certPath: '/certs' },
    });
    expect(toErrorEnvelope(error, "Couldn't list containers")).toEqual({
      kind: 'unreachable',
      message:
        "Couldn't list containers: The engine's certificate at 10.0.0.2:2376 expired, so Berth does not trust it.",
      hint: expect.stringContaining("Renew the engine's server certificate"),
    });
  });

  it('turns an engine that wants TLS into how to turn it on, keeping its words', () => {
    const error = {
      statusCode: 400,
      json: Buffer.from('Client sent an HTTP request to an HTTPS server.\n'),
    };
    expect(toErrorEnvelope(error)).toEqual({
      kind: 'unreachable',
      message: 'The engine expects TLS, and Berth spoke plain HTTP to it.',
      engineMessage: 'Client sent an HTTP request to an HTTPS server.',
      status: 400,
      hint: expect.stringContaining('DOCKER_TLS_VERIFY=1'),
    });
  });
});
