// The log search, off the page's thread (see log-search.ts).
import { findMatches, type SearchRequest } from './log-search.ts';

self.onmessage = (e: MessageEvent<SearchRequest>) => {
  self.postMessage(findMatches(e.data));
};
