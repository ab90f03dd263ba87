/**
 * The signed-in frame around every screen: skip link, header with the account, the quiet status
 * line (offline, dropped statements), the main landmark, and the screen for the current address.
 * On every navigation, focus moves to the new screen's h1 and the page title follows it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Progress } from './api.js';
import { findItem } from './course-nav.js';
import { useCourseBridge } from './embedded/use-course-bridge.js';
import type { OutboxStatus } from './outbox.js';
import { asPackageItem } from './package-types.js';
import { routeKey, useRoute, type Route } from './router.js';
import { SessionContext, type Session, type SessionView } from './session.js';
import { ContactMomentScreen } from './screens/contact-moment.js';
import { ItemRoute } from './screens/item.js';
import { FinalTestScreen } from './screens/final-test.js';
import { EvaluationScreen } from './screens/evaluation.js';
import { FollowUpScreen } from './screens/follow-up.js';
import { NotFound } from './screens/not-found.js';
import { Overview } from './screens/overview.js';

/** In embedded mode (the course inside an LMS): the organisation whose LMS it is, when known. */
export interface EmbeddedInfo {
  organisation: string | undefined;
}

export function Shell({ session, onSignOut, embedded }: { session: Session; onSignOut: () => void; embedded?: EmbeddedInfo | undefined }) {
  const route = useRoute();
  const [progress, setProgress] = useState<Progress | null | undefined>(undefined);
  const [outbox, setOutbox] = useState<OutboxStatus>(() => session.outbox.status());
  const [buildErrors, setBuildErrors] = useState(0);
  const [dismissedDrops, setDismissedDrops] = useState(0);
  const firstRender = useRef(true);

  const refreshProgress = useCallback(() => {
    api.progress().then(setProgress, (error: unknown) => {
      // No progress route (yet), or a failure: the course works without it; keep what we had.
      if (error instanceof ApiError && error.status === 401) return;
      setProgress((current) => current ?? null);
    });
  }, []);

  useEffect(() => {
    session.onBuildError = () => setBuildErrors((n) => n + 1);
    let wasPending = session.outbox.status().pending > 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = session.outbox.subscribe((status) => {
      setOutbox(status);
      // Everything arrived: the progress has changed.
      if (wasPending && status.pending === 0) {
        clearTimeout(timer);
        timer = setTimeout(refreshProgress, 300);
      }
      wasPending = status.pending > 0;
    });
    refreshProgress();
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [session, refreshProgress]);

  // The activity tracker follows the item on screen.
  useEffect(() => {
    session.tracker.setItem(trackedItem(session, route));
  }, [session, routeKey(route)]);

  // Navigation: new title, focus on the new h1, fresh progress on the screens that show it.
  useEffect(() => {
    const h1 = document.querySelector<HTMLElement>('main h1');
    document.title = `${h1?.textContent ?? 'Introductie Positieve Gezondheid'} – Introductie Positieve Gezondheid`;
    if (route.name === 'overview' || route.name === 'contact' || route.name === 'test') {
      if (!firstRender.current) refreshProgress();
    }
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    h1?.focus();
  }, [routeKey(route)]);

  // In an LMS: report progress to the SCORM package's launch page (functions/web/embedded/).
  useCourseBridge(embedded !== undefined, session, route, progress);

  const view = useMemo<SessionView>(() => ({ session, progress, refreshProgress }), [session, progress, refreshProgress]);
  const firstName = session.me.name.split(' ')[0] ?? session.me.name;
  const showDropped = outbox.dropped + buildErrors > dismissedDrops;

  return (
    <SessionContext.Provider value={view}>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Direct naar de inhoud
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="brand" href="#/">
            Introductie Positieve Gezondheid
          </a>
          <nav aria-label="Account" class="account">
            <span class="who" title={session.me.email}>
              {firstName}
            </span>
            {/* In an LMS the LMS signs people in and out. */}
            {!embedded && (
              <button type="button" class="link-button" onClick={onSignOut}>
                Uitloggen
              </button>
            )}
          </nav>
        </div>
      </header>
      <div class="status-line" role="status" aria-live="polite">
        {outbox.pending > 0 && outbox.failing && (
          <p class="wrap offline">
            <span aria-hidden="true">●</span> Offline: we sturen je voortgang later.
          </p>
        )}
      </div>
      {showDropped && (
        <div class="wrap">
          <p class="notice small" role="alert">
            Een stap van je voortgang kon niet worden opgeslagen. Dat ligt niet aan jou; we hebben het genoteerd.{' '}
            <button type="button" class="link-button" onClick={() => setDismissedDrops(outbox.dropped + buildErrors)}>
              Sluiten
            </button>
          </p>
        </div>
      )}
      <main id="main" tabIndex={-1}>
        <div class="wrap">
          <Screen route={route} key={routeKey(route)} />
        </div>
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>Wat je schrijft en je spinnenweb zijn alleen voor jou. Je coach ziet ze alleen als jij dat wilt.</p>
          {embedded?.organisation && <p class="via">Via de leeromgeving van {embedded.organisation}</p>}
        </div>
      </footer>
    </SessionContext.Provider>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'overview':
      return <Overview />;
    case 'item':
      return <ItemRoute itemId={route.itemId} />;
    case 'test':
      return <FinalTestScreen />;
    case 'evaluation':
      return <EvaluationScreen />;
    case 'choice':
      return <FollowUpScreen />;
    case 'contact':
      return <ContactMomentScreen />;
    default:
      // Not-found, and the coach's and admin's addresses: not a participant's.
      return <NotFound />;
  }
}

function trackedItem(session: Session, route: Route): string | undefined {
  const { course } = session;
  switch (route.name) {
    case 'item': {
      // A package's study time is the SCO's own session time, not the time on screen.
      const item = findItem(course, route.itemId);
      return item && !asPackageItem(item) ? route.itemId : undefined;
    }
    case 'test':
      return course.finalTest.id;
    case 'evaluation':
      return course.evaluation.id;
    case 'choice':
      return course.followUpChoice.id;
    default:
      return undefined;
  }
}
