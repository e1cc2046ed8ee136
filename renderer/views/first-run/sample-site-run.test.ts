import { describe, expect, it } from 'vitest';
import { ContractError, type ErrorEnvelope } from '../../../electron/contract/errors.ts';
import type { sampleSiteSpec } from './sample-site-run.ts';
import { FIRST_PORT, isPortTaken, runSampleSite } from './sample-site-run.ts';

const taken = (engineMessage: string, status = 500): ContractError =>
  new ContractError({ kind: 'engine', message: 'Could not start', engineMessage, status });

/** A client whose containers.create answers from `answers`, in turn. */
function client(answers: (ContractError | null)[]) {
  const specs: ReturnType<typeof sampleSiteSpec>[] = [];
  return {
    specs,
    call: (async (channel: string, spec?: ReturnType<typeof sampleSiteSpec>) => {
      if (channel === 'samples.ensureSite') return { image: 'i', id: 'sha', made: true };
      specs.push(spec!);
      const answer = answers.shift();
      if (answer) throw answer;
      return { id: 'c1', name: spec!.name };
    }) as never,
  };
}

describe('runSampleSite', () => {
  it('publishes port 80 on 8080, loopback only', async () => {
    const fake = client([null]);
    const run = await runSampleSite(fake, () => {});
    expect(run).toEqual({ id: 'c1', name: 'sample-site', port: FIRST_PORT, made: true });
    expect(fake.specs[0]!.ports).toEqual([
      { containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '127.0.0.1' },
    ]);
  });

  it('moves to the next port while one is taken, and to a new name while one is', async () => {
    const fake = client([
      taken('Bind for 127.0.0.1:8080 failed: port is already allocated'),
      taken('listen tcp4 127.0.0.1:8081: bind: address already in use'),
      taken(
        'Conflict. The container name "/sample-site" is already in use by container "abc"',
        409,
      ),
      null,
    ]);
    const run = await runSampleSite(fake, () => {});
    expect(run).toMatchObject({ name: 'sample-site-2', port: 8082 });
  });

  it("gives up with the engine's error for anything else", async () => {
    const fake = client([taken('no space left on device')]);
    await expect(runSampleSite(fake, () => {})).rejects.toMatchObject({
      envelope: { engineMessage: 'no space left on device' },
    });
  });
});

describe('isPortTaken', () => {
  it('knows the two ways the engine says a port is held', () => {
    const of = (engineMessage: string): ErrorEnvelope => ({
      kind: 'engine',
      message: '',
      engineMessage,
    });
    expect(
      isPortTaken(
        of('Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use'),
      ),
    ).toBe(true);
    expect(isPortTaken(of('Bind for 0.0.0.0:8080 failed: port is already allocated'))).toBe(true);
    expect(isPortTaken(of('No such image'))).toBe(false);
  });
});
