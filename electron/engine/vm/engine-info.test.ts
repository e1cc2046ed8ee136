import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { socketsPerTest, startHttpSocket, type RunningSocket } from '../fake-engine.testkit.ts';
import { getEngineInfo } from './engine-info.ts';

const temp = socketsPerTest('berth-info-');

/** An engine answering every request with `status` and `body`. */
function engineAnswering(status: number, body: string): Promise<RunningSocket> {
  return temp.track(
    startHttpSocket(path.join(temp.dir, 'docker.sock'), (_req, res) => {
      res.statusCode = status;
      res.end(body);
    }),
  );
}

describe('getEngineInfo', () => {
  it("sums up the engine's version, storage driver and kernel", async () => {
    const engine = await engineAnswering(
      200,
      JSON.stringify({ ServerVersion: '28.1.1', Driver: 'overlay2', KernelVersion: '6.12.1' }),
    );

    expect(await getEngineInfo({ url: engine.endpoint }, { timeoutMs: 2_000 })).toEqual({
      ok: true,
      summary: 'dockerd 28.1.1, overlay2 storage, kernel 6.12.1',
    });
    expect(engine.requests).toEqual(['/info']);
  });

  it("quotes the status and the engine's words when /info fails", async () => {
    const { endpoint } = await engineAnswering(500, '{"message":"daemon is starting"}');

    expect(await getEngineInfo({ url: endpoint }, { timeoutMs: 2_000 })).toEqual({
      ok: false,
      reason: '/info: HTTP 500: {"message":"daemon is starting"}',
    });
  });

  it('says when /info is not JSON', async () => {
    const { endpoint } = await engineAnswering(200, '<html>proxy</html>');

    const result = await getEngineInfo({ url: endpoint }, { timeoutMs: 2_000 });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^\/info: not JSON/);
  });

  it('names a missing socket in its reason', async () => {
    const result = await getEngineInfo(
      { url: `unix://${temp.dir}/none.sock` },
      { timeoutMs: 2_000 },
    );

    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^\/info: ENOENT: /) });
  });
});
