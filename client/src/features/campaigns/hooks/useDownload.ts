import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError, isAbortError, type ApiError } from '../../../lib/api';
import { downloadExport, type DownloadProgress } from '../api/campaignsApi';

export interface DownloadState {
  active: string | undefined;
  progress: DownloadProgress | undefined;
  error: ApiError | undefined;
  done: string | undefined;
}

/** One export download at a time, with its progress; cancel() aborts it. */
export function useDownload() {
  const [state, setState] = useState<DownloadState>({ active: undefined, progress: undefined, error: undefined, done: undefined });
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async (label: string, path: string) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setState({ active: label, progress: { bytes: 0, rows: 0, totalRows: undefined }, error: undefined, done: undefined });
    try {
      const name = await downloadExport(path, (progress) => setState((s) => ({ ...s, progress })), c.signal);
      setState({ active: undefined, progress: undefined, error: undefined, done: name });
    } catch (error) {
      if (isAbortError(error)) {
        setState({ active: undefined, progress: undefined, error: undefined, done: undefined });
        return;
      }
      setState({
        active: undefined,
        progress: undefined,
        error: asApiError(error),
        done: undefined,
      });
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { ...state, start, cancel };
}
