import { useEffect, useState } from 'react';
import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { search, type SearchResult } from '../api/searchApi';

/** How long the text must rest before it is asked: one request per pause, not per key. */
const DEBOUNCE_MS = 200;

export interface Search {
  /** The answer for the text typed (the previous text's while the new one is asked); undefined when the box is empty. */
  result: SearchResult | undefined;
  /** The text is waiting for its pause or its answer. */
  loading: boolean;
  /** Why the text typed could not be searched. */
  error: string | undefined;
}

/** GET /api/search for the typed text, through the query layer (docs/client.md): keyed by the text, aborted when it changes, not retried. */
export function useSearch(q: string): Search {
  const text = q.trim();
  const [asked, setAsked] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked(text), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const query = useApiQuery({
    key: queryKeys.search(asked),
    fetch: (signal) => search(asked, signal),
    enabled: asked !== '',
    keepPrevious: true,
    // A failure shows at once, as before the move: the next key stroke asks again anyway.
    retry: false,
  });
  if (text === '') return { result: undefined, loading: false, error: undefined };
  const settled = asked === text && !query.isFetching;
  return { result: query.data, loading: !settled, error: asked === text ? query.error?.message : undefined };
}
