// `docker load` from a stream: the tar goes to the engine as it arrives (the
// modem pipes it, so a slow engine slows the upload), and the engine's short
// reply says which images it loaded, or why it could not.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { ContractError } from '../../contract/errors.ts';

/**
 * What the engine says when the upload is no `docker save` tar: not a tar at
 * all, or a tar without the archive's index (`manifest.json`, `repositories`).
 */
const NOT_AN_ARCHIVE =
  /invalid tar header|repositories: no such file|manifest\.json|does not look like a tar/i;

/** `quiet` replies are a line per image; anything past this is not a reply we understand. */
const MAX_REPLY_CHARS = 1 << 20;

export async function loadImage(docker: Docker, tar: Readable): Promise<{ loaded: string[] }> {
  const reply = await docker.loadImage(tar, { quiet: true });
  let text = '';
  for await (const chunk of reply as AsyncIterable<Buffer | string>) {
    if (text.length < MAX_REPLY_CHARS) text += chunk.toString();
  }
  return parseLoadReply(text);
}

/** The engine's JSON lines: `{"stream":"Loaded image: name:tag\n"}`, or `{"error":…}`. */
export function parseLoadReply(text: string): { loaded: string[] } {
  const loaded: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let message: { stream?: unknown; error?: unknown; errorDetail?: { message?: unknown } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue; // not a line of the protocol; the error, if any, comes as JSON
    }
    const error = message.errorDetail?.message ?? message.error;
    if (typeof error === 'string') {
      throw new ContractError({
        kind: 'engine',
        message: NOT_AN_ARCHIVE.test(error)
          ? `Couldn't load it: this file is not an image archive (engine: ${error})`
          : `Couldn't load the image: ${error}`,
        engineMessage: error,
        hint: 'Upload a tar written by `docker save` (or `docker image save`).',
      });
    }
    const match =
      typeof message.stream === 'string'
        ? /^Loaded image(?: ID)?: (.+)$/.exec(message.stream.trim())
        : null;
    if (match) loaded.push(match[1]!);
  }
  return { loaded };
}
