import { describe, expect, it } from 'vitest';
import { Listeners } from './listeners.ts';

/** Listeners whose failures fail the test. */
function rethrowing<T>(): Listeners<T> {
  return new Listeners<T>((error) => {
    throw error;
  });
}

describe('Listeners', () => {
  it('tells every listener, in the order they were added, until each unsubscribes', () => {
    const heard: string[] = [];
    const listeners = rethrowing<string>();
    const stopA = listeners.add((v) => heard.push(`a:${v}`));
    listeners.add((v) => heard.push(`b:${v}`));

    listeners.emit('1');
    stopA();
    listeners.emit('2');

    expect(heard).toEqual(['a:1', 'b:1', 'b:2']);
    expect(listeners.size).toBe(1);
  });

  it('keeps telling the others when one throws, and hands what it threw to onError', () => {
    const errors: unknown[] = [];
    const heard: number[] = [];
    const listeners = new Listeners<number>((error) => errors.push(error));
    const broken = new Error('broken listener');
    listeners.add(() => {
      throw broken;
    });
    listeners.add((v) => heard.push(v));

    listeners.emit(7);

    expect(heard).toEqual([7]);
    expect(errors).toEqual([broken]);
  });

  it('lets a listener unsubscribe itself or another while they are told', () => {
    const heard: string[] = [];
    const listeners = rethrowing<string>();
    const stopSelf = listeners.add((v) => {
      heard.push(`once:${v}`);
      stopSelf();
      stopLater();
    });
    const stopLater = listeners.add((v) => heard.push(`later:${v}`));
    listeners.add((v) => heard.push(`stays:${v}`));

    listeners.emit('1');
    listeners.emit('2');

    expect(heard).toEqual(['once:1', 'stays:1', 'stays:2']);
  });

  it('tells a listener added while they are told from the next value on', () => {
    const heard: string[] = [];
    const listeners = rethrowing<string>();
    listeners.add((v) => {
      heard.push(`first:${v}`);
      if (v === '1') listeners.add((w) => heard.push(`added:${w}`));
    });

    listeners.emit('1');
    listeners.emit('2');

    expect(heard).toEqual(['first:1', 'first:2', 'added:2']);
  });

  it('tells nobody after clear', () => {
    const heard: string[] = [];
    const listeners = rethrowing<string>();
    listeners.add((v) => heard.push(v));

    listeners.clear();
    listeners.emit('lost');

    expect(heard).toEqual([]);
    expect(listeners.size).toBe(0);
  });
});
