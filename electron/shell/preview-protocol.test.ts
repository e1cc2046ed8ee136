// The desktop face's preview scheme, asked with WHATWG Requests as Electron's
// protocol.handle passes them (Node's own Request and Response are the same API).
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../transport/content-security-policy.ts';
import { previewPageUrl } from '../contract/preview-channels.ts';
import {
  PREVIEW_SCHEME_PRIVILEGES,
  previewResponse,
  servePreviewProtocol,
  type PreviewProtocolApi,
} from './preview-protocol.ts';

/** A gate that lets in port 8080 with ticket "good", once, and records every question. */
function onceGate() {
  const asked: [number, string][] = [];
  let spent = false;
  const gate = (port: number, ticket: string) => {
    asked.push([port, ticket]);
    const ok = !spent && port === 8080 && ticket === 'good';
    if (ticket === 'good') spent = true;
    return ok;
  };
  return { gate, asked };
}

describe('the berth-preview scheme', () => {
  it('serves the framing page of the ticket’s port, framing localhost only, once', async () => {
    const { gate, asked } = onceGate();
    const url = previewPageUrl('desktop', 8080, 'good');
    expect(url).toBe('berth-preview://preview/8080?ticket=good');
    const page = previewResponse(new Request(url), gate);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!.split('; ');
    expect(csp).toContain('frame-src http://localhost:8080');
    expect(csp).toContain("default-src 'none'");
    expect(await page.text()).toContain('src="http://localhost:8080/"');
    expect(asked).toEqual([[8080, 'good']]);
    // Spent: the same address again is refused like any other.
    expect(previewResponse(new Request(url), gate).status).toBe(404);
  });

  it('answers the same 404 to a wrong ticket, a bad port, another host or path, and a POST', async () => {
    const { gate, asked } = onceGate();
    const refused = [
      new Request('berth-preview://preview/8080?ticket=guess'),
      new Request('berth-preview://preview/8080'),
      new Request('berth-preview://preview/0?ticket=good'),
      new Request('berth-preview://preview/65536?ticket=good'),
      new Request('berth-preview://preview/8080/x?ticket=good'),
      new Request('berth-preview://preview/..%2F8080?ticket=good'),
      new Request('berth-preview://other/8080?ticket=good'),
      new Request('berth-preview://preview/8080?ticket=good', { method: 'POST', body: 'x' }),
    ];
    for (const request of refused) {
      const answer = previewResponse(request, gate);
      expect(answer.status, request.url).toBe(404);
      expect(await answer.text()).toBe('No container publishes that port.\n');
      expect(answer.headers.get('content-security-policy')).toBeNull();
    }
    // Only the well-formed ones reached the gate (and spent their tickets there).
    expect(asked).toEqual([
      [8080, 'guess'],
      [8080, ''],
    ]);
  });

  it('is registered under its scheme, which the window’s CSP lets the page frame', () => {
    const handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
    const protocol: PreviewProtocolApi = {
      handle: (scheme, handler) => handlers.set(scheme, handler),
    };
    servePreviewProtocol(protocol, onceGate().gate);
    expect([...handlers.keys()]).toEqual([PREVIEW_SCHEME_PRIVILEGES.scheme]);
    expect(PREVIEW_SCHEME_PRIVILEGES.privileges).toEqual({ standard: true });
    const frameSrc = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('frame-src'));
    expect(frameSrc).toBe("frame-src 'self' berth-preview://preview");
  });
});
