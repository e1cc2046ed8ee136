// `docker build` (classic builder) as a stream of BuildLines: the context is
// walked first (an unreadable file or a missing Dockerfile fails before a byte
// is sent), then packed as it goes to the engine over the streaming client,
// and the engine's output is parsed step by step. Destroying the stream (the
// renderer closed it) aborts the engine's request, which cancels the build;
// `forcerm` makes the engine remove the step's container on failure and
// cancel alike, so nothing is left behind.
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ContractError, type ErrorEnvelope } from '../../../contract/errors.ts';
import type { BuildLine } from '../../../contract/image-build/build-lines.ts';
import type { BuildOptions } from '../../../contract/image-build-channels.ts';
import { LineSplitter } from '../../../contract/line-splitter.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import type { AllAuths } from '../../registries/registry-auth.ts';
import { BuildOutputParser, type BuildFailure, type EngineBuildMessage } from './build-output.ts';
import { packContext } from './context-tar.ts';
import { walkContext } from './context-walk.ts';

const DOING = "Couldn't build the image";

/** The engine's query for these options (what `docker build` sends for the same flags). */
export function buildQuery(options: BuildOptions, dockerfile: string): Record<string, unknown> {
  const buildargs: Record<string, string> = {};
  for (const arg of options.buildArgs) {
    const at = arg.indexOf('=');
    buildargs[arg.slice(0, at)] = arg.slice(at + 1);
  }
  return {
    t: options.tags,
    dockerfile,
    buildargs,
    ...(options.target ? { target: options.target } : {}),
    nocache: options.noCache ?? false,
    pull: options.pull ?? false,
    rm: true,
    forcerm: true,
  };
}

export function failureEnvelope(failure: BuildFailure): ErrorEnvelope {
  const { engineMessage, step } = failure;
  if (!step) {
    return {
      kind: 'engine',
      message: `${DOING}: ${engineMessage}`,
      engineMessage,
      hint: 'Fix the Dockerfile where the message says, then build again.',
    };
  }
  const name = `Step ${step.step}/${step.total} : ${step.instruction}`;
  return {
    kind: 'engine',
    message: `${DOING}: step ${step.step}/${step.total} (${step.instruction}) failed: ${engineMessage}`,
    engineMessage,
    step: name,
    hint: `Fix step ${step.step} of the Dockerfile (its output is in Build output), then build again: the steps before it come from the cache.`,
  };
}

export interface BuildDeps {
  /** The logins a FROM may need, sent as `docker build` sends them (X-Registry-Config). */
  allAuths?: AllAuths;
  now?: () => number;
}

export function buildImageStream(
  docker: Docker,
  options: BuildOptions,
  deps: BuildDeps = {},
): Readable {
  const now = deps.now ?? (() => performance.now());
  const abort = new AbortController();
  let engineStream: NodeJS.ReadableStream | undefined;
  let context: Readable | undefined;
  const splitter = new LineSplitter();
  const parser = new BuildOutputParser(now);
  const startedAt = now();

  const out = new Readable({
    read() {
      engineStream?.resume();
    },
    destroy(err, done) {
      abort.abort();
      context?.destroy();
      done(err);
    },
  });
  const fail = (envelope: ErrorEnvelope) => {
    if (!out.destroyed) out.destroy(new ContractError(envelope));
  };
  const send = (lines: BuildLine[]) => {
    let more = true;
    for (const line of lines) more = out.push(`${JSON.stringify(line)}\n`) && more;
    if (!more) engineStream?.pause();
  };
  const handleLine = (text: string) => {
    if (text.trim() === '') return;
    let msg: EngineBuildMessage;
    try {
      msg = JSON.parse(text) as EngineBuildMessage;
    } catch {
      return; // not one of the engine's messages
    }
    const { lines, failure } = parser.message(msg);
    send(lines);
    if (failure) fail(failureEnvelope(failure));
  };
  const finish = () => {
    send(parser.end());
    if (out.destroyed) return;
    if (!parser.imageId) {
      fail({ kind: 'internal', message: `${DOING}: the engine ended the build without an image.` });
      return;
    }
    const tags = parser.tagged.length ? parser.tagged : options.tags;
    send([{ kind: 'done', imageId: parser.imageId, tags, ms: Math.round(now() - startedAt) }]);
    out.push(null);
  };

  const run = async () => {
    const walk = await walkContext(options.context, options.dockerfile);
    const { info } = walk;
    if (!info.dockerfile.present) {
      throw new ContractError({
        kind: 'not-found',
        message: `${DOING}: there is no Dockerfile at ${info.dockerfile.path}.`,
        hint: 'Pick the folder that holds the Dockerfile, or give its path in "Dockerfile".',
      });
    }
    if (info.unreadable.length) {
      const named = info.unreadable.map((u) => `${u.path} (${u.reason})`);
      throw new ContractError({
        kind: 'permission-denied',
        message: `${DOING}: ${named.length === 1 ? 'a file' : `${named.length} files`} in the context cannot be read: ${named.slice(0, 5).join(', ')}${named.length > 5 ? ', …' : ''}.`,
        hint: 'Make them readable, or list them in .dockerignore so they are not sent.',
      });
    }
    const registryconfig = (await deps.allAuths?.()) ?? {};
    if (out.destroyed) return;
    send([{ kind: 'sending', files: info.files, bytes: info.bytes }]);
    const tarStream = packContext(walk.entries);
    context = tarStream;
    tarStream.once('error', (err: unknown) => fail(toErrorEnvelope(err, DOING)));
    const stream = (await docker.buildImage(tarStream, {
      ...buildQuery(options, walk.dockerfile),
      ...(Object.keys(registryconfig).length ? { registryconfig } : {}),
      abortSignal: abort.signal,
    } as Docker.ImageBuildOptions)) as unknown as Readable;
    if (out.destroyed) {
      stream.destroy();
      return;
    }
    engineStream = stream;
    stream.on('data', (chunk: Buffer) => splitter.push(chunk).forEach(handleLine));
    stream.on('error', (err: unknown) => {
      if (!abort.signal.aborted) fail(toErrorEnvelope(err, DOING));
    });
    stream.on('end', () => {
      splitter.end().forEach(handleLine);
      finish();
    });
  };
  run().catch((err: unknown) => {
    if (!abort.signal.aborted) fail(toErrorEnvelope(err, DOING));
  });
  return out;
}
