/**
 * On every navigation: the page title follows the new screen's h1, the page scrolls to the top
 * and focus moves to the h1, so keyboard and screen reader users start there. Not on the first
 * screen after loading: there the browser's own start is right.
 */
import { useEffect, useRef } from 'preact/hooks';

export const APP_TITLE = 'Introductie Positieve Gezondheid';

export function titleFromHeading(): void {
  const h1 = document.querySelector<HTMLElement>('main h1');
  document.title = `${h1?.textContent ?? APP_TITLE} – ${APP_TITLE}`;
}

export function useScreenFocus(screenKey: string): void {
  const first = useRef(true);
  useEffect(() => {
    titleFromHeading();
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [screenKey]);
}
