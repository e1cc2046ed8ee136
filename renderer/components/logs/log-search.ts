// Search in a log: which rows match, computed in a Web Worker
// (log-search.worker.ts) so a search through 50,000 lines never blocks
// scrolling or typing. It matches the text a line shows (escapes taken out). Rows are named by sequence number (LogRing), so an
// answer still points at the right rows after newer ones arrived.

import { plainText } from './sgr.ts';

export interface SearchRequest {
  id: number;
  query: string;
  rows: { seq: number; text: string }[];
}

export interface SearchReply {
  id: number;
  seqs: number[];
}

/** Case-insensitive substring match; the rows whose shown text contains the query. */
export function findMatches(request: SearchRequest): SearchReply {
  const needle = request.query.toLowerCase();
  if (!needle) return { id: request.id, seqs: [] };
  const seqs: number[] = [];
  for (const row of request.rows)
    if (plainText(row.text).toLowerCase().includes(needle)) seqs.push(row.seq);
  return { id: request.id, seqs };
}

/** Where the query occurs in one line's text, as [start, end) ranges. */
export function matchRanges(text: string, query: string): [number, number][] {
  const needle = query.toLowerCase();
  if (!needle) return [];
  const haystack = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    ranges.push([at, at + needle.length]);
  }
  return ranges;
}

/** Talks to the worker; only the latest request's answer is delivered. */
export class LogSearch {
  readonly #worker: Worker;
  #latest = 0;

  constructor(onReply: (seqs: number[]) => void) {
    this.#worker = new Worker(new URL('./log-search.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.#worker.onmessage = (e: MessageEvent<SearchReply>) => {
      if (e.data.id === this.#latest) onReply(e.data.seqs);
    };
  }

  search(query: string, rows: SearchRequest['rows']): void {
    const request: SearchRequest = { id: ++this.#latest, query, rows };
    this.#worker.postMessage(request);
  }

  dispose(): void {
    this.#worker.terminate();
  }
}
