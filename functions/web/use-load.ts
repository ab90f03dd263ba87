/**
 * Loading one thing from the server for a screen: loading, loaded (with a reload that keeps what
 * is shown until the new answer arrives), or failed with a message for people.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { failureMessage } from './contact-view.js';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'loaded'; data: T };

export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => Promise<void>] {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const reload = useCallback(async () => {
    try {
      const data = await load();
      setValue({ state: 'loaded', data });
    } catch (error) {
      // A 401 has already ended the session.
      if (error instanceof ApiError && error.status === 401) return;
      setValue((current) => (current.state === 'loaded' ? current : { state: 'failed', message: failureMessage(error, 'Dit kon nu niet worden geladen. Probeer het over een paar minuten opnieuw.') }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [value, reload];
}
