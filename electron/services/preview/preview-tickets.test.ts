import { describe, expect, it } from 'vitest';
import { PreviewTickets } from './preview-tickets.ts';

describe('PreviewTickets', () => {
  it('lets a ticket in once, for its own port, within its minute', () => {
    let now = 0;
    const tickets = new PreviewTickets({ now: () => now, ttlMs: 60_000 });
    const a = tickets.issue(8080);
    expect(tickets.redeem(a, 8081)).toBe(false);
    // Spent by the wrong port too: a guessed port costs the ticket.
    expect(tickets.redeem(a, 8080)).toBe(false);
    const b = tickets.issue(8080);
    expect(tickets.redeem(b, 8080)).toBe(true);
    expect(tickets.redeem(b, 8080)).toBe(false);
    const c = tickets.issue(8080);
    now = 60_000;
    expect(tickets.redeem(c, 8080)).toBe(false);
    expect(tickets.redeem('', 8080)).toBe(false);
  });

  it('keeps at most 256, dropping the oldest', () => {
    const tickets = new PreviewTickets();
    const first = tickets.issue(1);
    for (let i = 0; i < 256; i++) tickets.issue(2);
    expect(tickets.redeem(first, 1)).toBe(false);
  });
});
