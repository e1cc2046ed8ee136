import { describe, expect, it } from 'vitest';
import { PREVIEW_SANDBOX } from '../../contract/preview-channels.ts';
import type { ContainerSummary } from '../../contract/container-types.ts';
import { previewGate, previewPage, previewPort } from './preview-page.ts';
import { PreviewTickets } from './preview-tickets.ts';

describe('the preview framing page', () => {
  it('may frame only the one published port it names, and be framed only by Berth', () => {
    const { csp } = previewPage({ host: 'localhost', port: 8080, frameAncestors: "'self'" });
    const directives = csp.split('; ');
    expect(directives).toContain('frame-src http://localhost:8080');
    expect(directives).toContain("frame-ancestors 'self'");
    expect(directives).toContain("default-src 'none'");
    expect(directives.filter((d) => d.startsWith('frame-src'))).toHaveLength(1);
    expect(csp).not.toMatch(/script-src|unsafe-inline|\*/);
  });

  it('frames the port in a sandbox that never shares an origin', () => {
    const { html } = previewPage({ host: 'build.example', port: 8080, frameAncestors: "'self'" });
    expect(html).toContain(`sandbox="${PREVIEW_SANDBOX}"`);
    expect(html).toContain('src="http://build.example:8080/"');
    expect(PREVIEW_SANDBOX).not.toContain('allow-same-origin');
  });

  it('takes a port only in plain digits, 1 to 65535', () => {
    expect(previewPort('8080')).toBe(8080);
    expect(previewPort('65535')).toBe(65_535);
    for (const bad of ['0', '65536', '08080', '80a', '', '+80', '8e3', '99999', ' 80']) {
      expect(previewPort(bad)).toBeNaN();
    }
  });

  it('lets in a live ticket only while a container still publishes its port, spending it either way', () => {
    const web = { ports: [{ privatePort: 80, publicPort: 8080, protocol: 'tcp' }] };
    let containers = [web] as unknown as ContainerSummary[];
    const tickets = new PreviewTickets();
    const gate = previewGate(tickets, () => containers);
    const first = tickets.issue(8080);
    expect(gate(8080, first)).toBe(true);
    expect(gate(8080, first)).toBe(false);
    const second = tickets.issue(8080);
    containers = [];
    expect(gate(8080, second)).toBe(false);
    containers = [web] as unknown as ContainerSummary[];
    expect(gate(8080, second)).toBe(false);
  });
});
