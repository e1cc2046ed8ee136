import { PassThrough, type Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ContractError } from '../../contract/errors.ts';
import { registryTransferStream } from './registry-stream.ts';

/** The stream's error envelope (or none) once it ends, and its lines. */
function outcome(out: Readable): Promise<{ lines: string[]; error?: ContractError }> {
  const lines: string[] = [];
  return new Promise((resolve) => {
    out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    out.on('end', () => resolve({ lines }));
    out.on('error', (error) => resolve({ lines, error: error as ContractError }));
  });
}

const push = (engine: PassThrough, firstLineMs = 100) =>
  registryTransferStream({
    verb: 'push',
    ref: 'localhost:5000/berth/x:1',
    firstLineMs,
    start: () => Promise.resolve(engine),
    beforeRegistry: (line) => line.status.startsWith('The push refers to repository'),
  });

describe('registryTransferStream', () => {
  it('does not count the engine’s own first push line as the registry answering', async () => {
    const engine = new PassThrough();
    const out = push(engine);
    engine.write('{"status":"The push refers to repository [localhost:5000/berth/x]"}\n');
    const started = Date.now();
    const { lines, error } = await outcome(out);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(lines).toHaveLength(1);
    expect(error?.envelope).toMatchObject({
      kind: 'timeout',
      message:
        "Couldn't push localhost:5000/berth/x:1: no answer from the registry for localhost:5000/berth/x:1 within 0.1 s.",
    });
    expect(error?.envelope.hint).toContain('registry is reachable');
    expect(engine.destroyed).toBe(true);
  });

  it('ends with the engine’s error line in our words, keeping its own, and closes the answer', async () => {
    const engine = new PassThrough();
    const out = push(engine, 5_000);
    engine.write('{"status":"Preparing","progressDetail":{},"id":"0123456789ab"}\n');
    engine.write(
      '{"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"}\n',
    );
    const { lines, error } = await outcome(out);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { status: 'Preparing', id: '0123456789ab' },
    ]);
    expect(error?.envelope).toMatchObject({
      kind: 'engine',
      engineMessage: 'unauthorized: authentication required',
      message:
        "Couldn't push localhost:5000/berth/x:1: localhost:5000 wants a user name and password, and has none it accepts",
    });
    expect(engine.destroyed).toBe(true);
  });

  it('closes the engine’s answer when the reader goes (a cancel)', async () => {
    const engine = new PassThrough();
    const out = push(engine, 5_000);
    engine.write('{"status":"Pushing","progressDetail":{"current":1,"total":9},"id":"a"}\n');
    await new Promise((r) => out.once('data', r));
    out.destroy();
    expect(engine.destroyed).toBe(true);
  });
});
