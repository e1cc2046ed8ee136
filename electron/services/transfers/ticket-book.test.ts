import { describe, expect, it } from 'vitest';
import { TICKET_TTL_MS, TicketBook } from './ticket-book.ts';

function clock() {
  let now = 5_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TicketBook', () => {
  it('issues unguessable ids that work once', () => {
    const book = new TicketBook<string>();
    const { id } = book.issue(() => 'a');
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(book.peek(id)).toEqual({ ok: true, value: 'a' });
    expect(book.take(id)).toEqual({ ok: true, value: 'a' });
    expect(book.take(id)).toEqual({ ok: false, reason: 'gone' });
    expect(book.take('never-issued')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('lets a ticket expire a minute after it was issued', () => {
    const time = clock();
    const book = new TicketBook<string>({ now: time.now });
    const first = book.issue(() => 'a');
    const second = book.issue(() => 'b');
    expect(first.expiresAt).toBe(5_000 + TICKET_TTL_MS);
    time.advance(TICKET_TTL_MS - 1);
    expect(book.take(first.id)).toMatchObject({ ok: true });
    time.advance(1);
    expect(book.take(second.id)).toEqual({ ok: false, reason: 'gone' });
  });

  it('keeps at most 100 unused tickets, forgetting the oldest', () => {
    const book = new TicketBook<number>();
    const ids = Array.from({ length: 101 }, (_, i) => book.issue(() => i).id);
    expect(book.take(ids[0]!)).toEqual({ ok: false, reason: 'gone' });
    expect(book.take(ids[1]!)).toEqual({ ok: true, value: 1 });
  });
});
