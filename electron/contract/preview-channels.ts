// The live preview of a container's web port: whether the port answers, asked
// of the app (the page cannot tell a silent port from a slow one without
// hanging an iframe), and where the browser face serves the framing page.
import { z } from 'zod';
import { containerId } from './refs.ts';

export type WebProbe =
  /** Any HTTP answer counts, an error page too: something serves there. */
  | {
      answers: true;
      status: number;
      /** For the framing page (`previewPageUrl`), once, within a minute. */
      ticket: string;
    }
  | { answers: false; reason: string };

export interface PreviewCalls {
  /** Asks the container's published TCP port for `/`, with a short timeout. */
  'containers.probeWeb': { args: [id: string, hostPort: number]; result: WebProbe };
}

export const hostPort = z.number().int().min(1).max(65_535);

export const previewCallArgs: {
  [K in keyof PreviewCalls]: z.ZodType<PreviewCalls[K]['args']>;
} = {
  'containers.probeWeb': z.tuple([containerId, hostPort]),
};

/**
 * `GET /preview/<port>` on the browser face: a page whose only content is a
 * sandboxed frame of that published port, with a CSP that lets it frame that
 * port and nothing else.
 */
export const PREVIEW_PATH = '/preview/';

/** The desktop face serves the same page from its own scheme (the window's page has no server). */
export const DESKTOP_PREVIEW_SCHEME = 'berth-preview';
export const DESKTOP_PREVIEW_ORIGIN = `${DESKTOP_PREVIEW_SCHEME}://preview`;

/** Where a face frames the preview of `port`, with the ticket the probe handed out. */
export function previewPageUrl(face: 'browser' | 'desktop', port: number, ticket: string): string {
  const base = face === 'desktop' ? `${DESKTOP_PREVIEW_ORIGIN}/` : PREVIEW_PATH;
  return `${base}${port}?ticket=${encodeURIComponent(ticket)}`;
}

/**
 * What a preview frame may do: run the site's scripts and forms, open links in
 * a new tab. Never allow-same-origin: the outer frame is Berth's origin.
 */
export const PREVIEW_SANDBOX = 'allow-scripts allow-forms allow-popups';
