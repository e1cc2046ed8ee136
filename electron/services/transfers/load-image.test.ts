import { describe, expect, it } from 'vitest';
import { parseLoadReply } from './load-image.ts';

describe('parseLoadReply', () => {
  it('lists the images the engine says it loaded, tagged or not', () => {
    const reply =
      '{"stream":"Loaded image: busybox:upload\\n"}\n' +
      '{"stream":"Loaded image ID: sha256:0123abcd\\n"}\n';
    expect(parseLoadReply(reply)).toEqual({ loaded: ['busybox:upload', 'sha256:0123abcd'] });
  });

  it("fails with the engine's own words when a line carries an error", () => {
    const reply = '{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}\n';
    expect(() => parseLoadReply(reply)).toThrow(/Couldn't load the image: unexpected EOF/);
  });

  it('says a file that is not a tar at all is not an image archive, keeping the engine words', () => {
    const error = 'Error processing tar file(exit status 1): archive/tar: invalid tar header';
    const reply = JSON.stringify({ errorDetail: { message: error }, error }) + '\n';
    expect(() => parseLoadReply(reply)).toThrow(
      /this file is not an image archive \(engine: Error processing tar file.*invalid tar header\)/,
    );
  });
});
