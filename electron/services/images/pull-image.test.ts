import { PassThrough, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { ContractError, type ErrorEnvelope } from '../../contract/errors.ts';
import { pullImage, pullImageStream } from './pull-image.ts';

/** A dockerode stand-in whose pull answers with `engine` (or never, for a silent registry). */
function fakeDocker(engine?: PassThrough) {
  const seen: { signal?: AbortSignal } = {};
  const docker = {
    pull: (_ref: string, opts: { abortSignal?: AbortSignal }) => {
      seen.signal = opts.abortSignal;
      return engine ? Promise.resolve(engine) : new Promise(() => {});
    },
  } as unknown as Docker;
  return { docker, seen };
}

function collect(stream: Readable): Promise<{ text: string; error?: ErrorEnvelope }> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    stream.once('end', () => resolve({ text }));
    stream.once('error', (err) =>
      resolve({ text, error: err instanceof ContractError ? err.envelope : undefined }),
    );
  });
}

describe('pullImageStream', () => {
  it("passes the engine's progress on as PullLines, without its text bar", async () => {
    const engine = new PassThrough();
    const out = collect(pullImageStream(fakeDocker(engine).docker, 'x:1'));
    engine.write(
      '{"status":"Downloading","progressDetail":{"current":1,"total":2},"progress":"[=> ]","id":"a"}\n{"status":"Pull',
    );
    engine.end(' complete","progressDetail":{},"id":"a"}\n');
    expect(await out).toEqual({
      text:
        '{"status":"Downloading","id":"a","current":1,"total":2}\n' +
        '{"status":"Pull complete","id":"a"}\n',
    });
  });

  it("ends with the engine's own words when a line carries an error", async () => {
    const engine = new PassThrough();
    const out = collect(pullImageStream(fakeDocker(engine).docker, 'x:1'));
    engine.write('{"status":"Pulling fs layer","id":"a"}\n');
    engine.write('{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}\n');
    const { error } = await out;
    expect(error).toMatchObject({
      kind: 'engine',
      message: "Couldn't pull x:1: unexpected EOF",
      engineMessage: 'unexpected EOF',
    });
    expect(error?.hint).toContain('registry is reachable');
  });

  it('gives up when nothing at all comes within the first-line deadline, and aborts', async () => {
    const fake = fakeDocker();
    const started = Date.now();
    const { error } = await collect(pullImageStream(fake.docker, 'x:1', { firstLineMs: 50 }));
    expect(error).toMatchObject({
      kind: 'timeout',
      message: "Couldn't pull x:1: no answer from the registry for x:1 within 0.05 s.",
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.seen.signal?.aborted).toBe(true);
  });

  it('lets a moving pull run past the first-line deadline, and ends one that stalls', async () => {
    const engine = new PassThrough();
    const out = collect(
      pullImageStream(fakeDocker(engine).docker, 'x:1', { firstLineMs: 50, stallMs: 200 }),
    );
    for (let i = 0; i < 4; i++) {
      engine.write(
        `{"status":"Downloading","progressDetail":{"current":${i},"total":9},"id":"a"}\n`,
      );
      await new Promise((r) => setTimeout(r, 40));
    }
    const { text, error } = await out;
    expect(text.split('\n').filter(Boolean)).toHaveLength(4);
    expect(error?.message).toBe("Couldn't pull x:1: the pull of x:1 made no progress for 0.2 s.");
  });

  it('closes the engine’s answer when the reader destroys the stream', async () => {
    const engine = new PassThrough();
    const fake = fakeDocker(engine);
    const stream = pullImageStream(fake.docker, 'x:1');
    stream.resume();
    engine.write('{"status":"Pulling fs layer","id":"a"}\n');
    await new Promise((r) => setTimeout(r, 10));
    stream.destroy();
    // The engine cancels a pull whose connection closes; the request has been answered.
    expect(engine.destroyed).toBe(true);
  });

  it('passes the platform and the credentials to the engine', async () => {
    const seen: Record<string, unknown>[] = [];
    const engine = new PassThrough();
    const docker = {
      pull: (_ref: string, opts: Record<string, unknown>) => {
        seen.push(opts);
        return Promise.resolve(engine);
      },
    } as unknown as Docker;
    const auth = { username: 'u', password: 'p', serveraddress: 'localhost:5000' };
    const out = collect(
      pullImageStream(docker, 'x:1', {
        platform: 'linux/arm64',
        auth: () => Promise.resolve(auth),
      }),
    );
    engine.end('{"status":"Status: Downloaded newer image for x:1"}\n');
    await out;
    expect(seen[0]).toMatchObject({ platform: 'linux/arm64', authconfig: auth });
  });
});

describe('pullImage', () => {
  it('resolves at the end of a pull and rejects with the envelope of a failed one', async () => {
    const ok = new PassThrough();
    const done = pullImage(fakeDocker(ok).docker, 'x:1');
    ok.end('{"status":"Status: Image is up to date for x:1"}\n');
    await expect(done).resolves.toBeUndefined();

    const bad = new PassThrough();
    const failed = pullImage(fakeDocker(bad).docker, 'x:1');
    bad.end('{"error":"manifest unknown"}\n');
    await expect(failed).rejects.toMatchObject({ envelope: { engineMessage: 'manifest unknown' } });
  });
});
