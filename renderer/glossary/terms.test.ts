import { describe, expect, it } from 'vitest';
import { terms, termWords, type TermKey } from './terms.ts';

/** The words the issue asks to explain (issue 10, item 5). */
const required = [
  'engine',
  'image',
  'container',
  'tag',
  'volume',
  'bind mount',
  'host port',
  'container port',
  'network',
  'layer',
  'registry',
  'environment variable',
  'restart policy',
  'exit code',
  'Compose project',
];

/** Words that would need a glossary of their own. */
const jargon =
  /\b(daemon|socket|namespace|cgroup|OCI|filesystem|runtime|dockerd|API|TCP|UDP|mount)\b/i;

describe('glossary terms', () => {
  const byWord = new Map(Object.entries(termWords).map(([key, word]) => [word, key as TermKey]));

  it('explains every word a beginner meets', () => {
    expect(required.filter((w) => !byWord.has(w))).toEqual([]);
  });

  it.each(Object.values(termWords))('explains "%s" in one short plain sentence', (word) => {
    const sentence = terms[byWord.get(word)!];
    expect(sentence.length).toBeLessThanOrEqual(140);
    expect(sentence).toMatch(/^[A-Z0-9].*\.$/);
    // One sentence: no full stop before the end except inside a number like 1.25.
    expect(sentence.slice(0, -1)).not.toMatch(/\.(\s|$)/);
    expect(sentence).not.toMatch(jargon);
  });

  it('has a word for every sentence', () => {
    expect(Object.keys(termWords).sort()).toEqual(Object.keys(terms).sort());
  });
});
