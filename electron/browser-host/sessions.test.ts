import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SessionStore } from './sessions.ts';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SessionStore', () => {
  it('knows the secrets it issued and no other', () => {
    const store = new SessionStore();
    const secret = store.open();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(store.isLive(secret)).toBe(true);
    expect(store.isLive('f'.repeat(64))).toBe(false);
    expect(store.attach('forged')).toBeNull();
  });

  it('ends a session after a day without activity, not a millisecond before', () => {
    const time = clock();
    const store = new SessionStore(time.now);
    const secret = store.open();
    time.advance(SESSION_IDLE_MS);
    expect(store.isLive(secret)).toBe(true);
    time.advance(1);
    expect(store.isLive(secret)).toBe(false);
    expect(store.attach(secret)).toBeNull();
  });

  it('counts a new WebSocket as activity and keeps the session while it is open', () => {
    const time = clock();
    const store = new SessionStore(time.now);
    const secret = store.open();
    time.advance(SESSION_IDLE_MS - 1);
    const release = store.attach(secret)!;
    time.advance(3 * SESSION_IDLE_MS);
    expect(store.isLive(secret)).toBe(true);
    release();
    time.advance(SESSION_IDLE_MS);
    expect(store.isLive(secret)).toBe(true);
    time.advance(1);
    expect(store.isLive(secret)).toBe(false);
  });

  it('keeps a bounded number, dropping the least recently active idle one', () => {
    const time = clock();
    const store = new SessionStore(time.now);
    const first = store.open();
    const attached = store.attach(first);
    time.advance(1);
    const second = store.open();
    for (let i = 0; i < 99; i++) {
      time.advance(1);
      store.open();
    }
    expect(attached).not.toBeNull();
    expect(store.isLive(first)).toBe(true);
    expect(store.isLive(second)).toBe(false);
  });
});
