// Re-creating a container with changed settings, without ever losing it:
//   1. create the successor under a temporary name (bad settings fail here,
//      before the old container is touched);
//   2. stop the old one and rename it aside; give the successor the name;
//   3. start the successor (when the old one ran) and check that it keeps running;
//   4. only then remove the old one.
// Any failure after step 1 undoes what was done: the old container gets its
// name back and runs again, and the error says so in the engine's words.
import type Docker from 'dockerode';
import type { ContainerInspectInfo } from 'dockerode';
import { ContractError, type ErrorEnvelope } from '../../contract/errors.ts';
import type { RecreateChanges } from '../../contract/run-spec/spec.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { inheritedMounts } from './container-settings.ts';
import { hintForEngineMessage } from './engine-hints.ts';
import { otherNetworks, recreateOptions } from './recreate-options.ts';

/** How long a started successor must stay up to count as running. */
const SETTLE_MS = 1000;

export async function recreateContainer(
  docker: Docker,
  id: string,
  changes: RecreateChanges,
): Promise<{ id: string; name: string }> {
  const info = await step(`Couldn't read ${id}`, () => docker.getContainer(id).inspect());
  // By id from here on: the name moves to the successor.
  const oldContainer = docker.getContainer(info.Id);
  const name = info.Name.replace(/^\//, '');
  if (info.HostConfig.AutoRemove && (info.State.Running || info.State.Paused)) {
    // Stopping it would make the engine delete it: there would be nothing to fall back on.
    throw new ContractError({
      kind: 'conflict',
      message: `${name} is removed by the engine when it stops (--rm), so re-creating it could lose it.`,
      hint: 'Make a new container with these settings instead (New container), then remove this one.',
    });
  }
  const suffix = Math.random().toString(36).slice(2, 8);
  const image = await imageFor(docker, info);
  const inherited = await inheritedMounts(docker, info);
  const options = recreateOptions(info, changes, {
    name: `${name}-new-${suffix}`,
    image: image.ref,
    imageVolumes: image.volumes,
    inheritedVolumes: inherited.flatMap((m) => (m.Name ? [m.Name] : [])),
  });

  const successor = await step(`Couldn't re-create ${name}`, () => docker.createContainer(options));
  const wasRunning = info.State.Running || info.State.Paused;
  const done = { stopped: false, renamed: false };
  try {
    for (const network of otherNetworks(info)) {
      await docker
        .getNetwork(network.name)
        .connect({ Container: successor.id, EndpointConfig: { Aliases: network.aliases } });
    }
    if (wasRunning) {
      if (info.State.Paused) await oldContainer.unpause();
      await oldContainer.stop();
      done.stopped = true;
    }
    await oldContainer.rename({ name: `${name}-old-${suffix}` });
    done.renamed = true;
    await successor.rename({ name });
    if (wasRunning) {
      await successor.start();
      await ensureStillRunning(successor);
    }
  } catch (err) {
    const envelope = toErrorEnvelope(err, `Couldn't re-create ${name}`);
    throw new ContractError({
      ...envelope,
      hint: await rollBack(successor, oldContainer, name, done, envelope),
    });
  }
  // The old one's anonymous volumes now belong to the successor: keep them.
  await oldContainer.remove({ force: true, v: false }).catch(() => undefined);
  return { id: successor.id, name };
}

async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const envelope = toErrorEnvelope(err, what);
    const hint = envelope.hint ?? hintForEngineMessage(envelope.engineMessage);
    throw new ContractError(hint ? { ...envelope, hint } : envelope);
  }
}

/** The same image the container runs: by its name while the name still means it, else by id. */
async function imageFor(
  docker: Docker,
  info: ContainerInspectInfo,
): Promise<{ ref: string; volumes: string[] }> {
  const named = await docker
    .getImage(info.Config.Image)
    .inspect()
    .catch(() => null);
  const image =
    named?.Id === info.Image
      ? named
      : await docker
          .getImage(info.Image)
          .inspect()
          .catch(() => null);
  return {
    ref: named?.Id === info.Image ? info.Config.Image : info.Image,
    volumes: Object.keys(image?.Config?.Volumes ?? {}),
  };
}

/** A successor that exits at once (a bad variable, a port it cannot use) is a failed re-create. */
async function ensureStillRunning(container: Docker.Container): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const state = (await container.inspect()).State;
  if (state.Running || state.Restarting) return;
  const logs = await container
    .logs({ stdout: true, stderr: true, tail: 5 })
    .then((buffer) => demuxedText(buffer as unknown as Buffer))
    .catch(() => '');
  const lastLines = logs ? `; its last output: ${logs}` : '';
  throw Object.assign(
    new Error(`the new container exited with code ${state.ExitCode}${lastLines}`),
    {
      json: { message: `the new container exited with code ${state.ExitCode}${lastLines}` },
    },
  );
}

/** Log frames without their 8-byte stream headers, as one trimmed line. */
function demuxedText(buffer: Buffer): string {
  const parts: string[] = [];
  let at = 0;
  while (at + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(at + 4);
    parts.push(buffer.toString('utf8', at + 8, at + 8 + size));
    at += 8 + size;
  }
  return parts.join('').trim().split('\n').join(' | ').slice(0, 500);
}

/** Successor out first (it frees the name and the ports), then the old one as it was. */
async function rollBack(
  successor: Docker.Container,
  old: Docker.Container,
  name: string,
  done: { stopped: boolean; renamed: boolean },
  envelope: ErrorEnvelope,
): Promise<string> {
  const failures: string[] = [];
  const attempt = (work: () => Promise<unknown>) =>
    work().catch((err: Error) => failures.push(err.message));
  await attempt(() => successor.remove({ force: true, v: false }));
  if (done.renamed) await attempt(() => old.rename({ name }));
  if (done.stopped) await attempt(() => old.start());
  const engineHint = hintForEngineMessage(envelope.engineMessage);
  return failures.length
    ? `Undoing it failed too (${failures.join('; ')}): the old container is kept, perhaps under a name ending in -old-…; rename it back to ${name} on its Settings tab.`
    : `Nothing changed: ${name} is back as it was.${engineHint ? ` ${engineHint}` : ''}`;
}
