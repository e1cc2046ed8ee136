import { describe, expect, it } from 'vitest';
import { splitToken } from './browser-session.ts';

describe('splitToken', () => {
  it('takes the token out and keeps the rest of the address', () => {
    expect(splitToken('http://127.0.0.1:7420/?token=abc#/engine')).toEqual({
      token: 'abc',
      rest: '/#/engine',
    });
    expect(splitToken('http://127.0.0.1:7420/?x=1&token=a%2Bb')).toEqual({
      token: 'a+b',
      rest: '/?x=1',
    });
  });

  it('leaves an address without a token as it is', () => {
    expect(splitToken('http://127.0.0.1:7420/#/containers')).toEqual({
      token: null,
      rest: '/#/containers',
    });
  });
});
