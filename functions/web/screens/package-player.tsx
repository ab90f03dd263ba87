/**
 * #/item/<id> for an item of kind `package`: an imported SCORM package, played in a frame on the
 * app's own origin, with the app as its LMS (scorm-host.ts).
 *
 * Every time the screen opens is one sitting (a new sitting id). The SCO's Initialize, Commit and
 * Terminate go to the server with the run-time data (package-sitting.ts). If the participant
 * leaves the screen, or the page goes away, while the SCO has not terminated, the app terminates
 * the sitting for it with what the SCO left so far. The app's own activity tracker does not run
 * here (see trackedItem in shell.tsx): a package's study time is the SCO's session time.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { ItemFrame } from '../components/item-frame.js';
import { Markdown } from '../components/markdown.js';
import { failureMessage } from '../contact-view.js';
import { workMomentOf } from '../course-nav.js';
import { uuid } from '../ids.js';
import { createSittingReporter, type SittingReporter } from '../package-sitting.js';
import type { PackageItemView, PackageRecord } from '../package-types.js';
import { hostScorm, type ScormHost } from '../scorm-host.js';
import { useSession } from '../session.js';

type Screen = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; launchUrl: string };
/** retrying: the app is still trying; waiting: it stopped trying for now; failed: the server refused. */
type Problem = { message: string; state: 'retrying' | 'waiting' | 'failed' } | undefined;

const NOT_SAVED_YET = 'Je voortgang in dit onderdeel is nog niet opgeslagen. We proberen het opnieuw…';
const NOT_SAVED =
  'Je voortgang in dit onderdeel kon niet worden opgeslagen, omdat de server nu niet bereikbaar is. Laat deze pagina open: we sturen het zodra het weer kan.';
const SITTING_CLOSED = 'Dit onderdeel is hier al afgesloten. Laad de pagina opnieuw om verder te gaan.';
const NOT_TAKEN = 'Je voortgang in dit onderdeel kon niet worden opgeslagen. Laad de pagina opnieuw en probeer het nog eens.';

export function PackagePlayer({ item }: { item: PackageItemView }) {
  const view = useSession();
  const moment = workMomentOf(view.session.course, item.id);
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [record, setRecord] = useState<PackageRecord | null>(null);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem>(undefined);
  const [attempt, setAttempt] = useState(0);
  const frame = useRef<HTMLIFrameElement>(null);
  const reporterRef = useRef<SittingReporter | undefined>(undefined);

  useEffect(() => {
    let active = true;
    let host: ScormHost | undefined;
    let reporter: SittingReporter | undefined;
    const open = () => host !== undefined && host.initialized() && !host.terminated() && reporter !== undefined && !reporter.terminated();

    // The page is going away (closed, reloaded, another site): terminate now, keepalive.
    const onPageHide = () => {
      if (open()) reporter!.terminateNow(host!.runtime());
    };
    // Back from the browser's back-forward cache after we terminated: the sitting is over on the
    // server, so start a new one with what the server now has.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && reporter?.terminated() && !host?.terminated()) location.reload();
    };

    const start = async () => {
      setScreen({ kind: 'loading' });
      try {
        const launch = await api.packageLaunch(item.id);
        if (!active) return;
        const launchUrl = sameOriginPath(launch.launchUrl);
        if (!launchUrl) throw new Error(`The package's launch URL is not on this site: ${launch.launchUrl}`);
        setRecord(launch.record);
        reporter = createSittingReporter({
          itemId: item.id,
          sittingId: uuid(),
          callbacks: {
            onRecord(next, event) {
              if (event === 'terminate') view.refreshProgress();
              if (!active) return;
              setRecord(next);
              if (event !== 'initialize') setSaved(true);
            },
            onFailure({ status, body, retrying }) {
              if (!active) return;
              if (retrying) setProblem({ message: NOT_SAVED_YET, state: 'retrying' });
              else if (status === undefined || status >= 500 || status === 429 || status === 408) setProblem({ message: NOT_SAVED, state: 'waiting' });
              else if (status === 409) setProblem({ message: SITTING_CLOSED, state: 'failed' });
              // 401: the app is already back at sign-in.
              else if (status !== 401) setProblem({ message: failureMessage(new ApiError(status, body), NOT_TAKEN), state: 'failed' });
            },
            onSettled() {
              if (active) setProblem(undefined);
            },
          },
        });
        reporterRef.current = reporter;
        host = await hostScorm(launch, (event, runtime) => {
          if (event !== 'initialize' && active) setSaved(false);
          reporter!.send(event, runtime);
        });
        if (!active) {
          host.remove();
          reporter.dispose();
          return;
        }
        addEventListener('pagehide', onPageHide);
        addEventListener('pageshow', onPageShow);
        // Only now the frame: the API must be on the window before the SCO looks for it.
        setScreen({ kind: 'ready', launchUrl });
      } catch (error) {
        if (!active || (error instanceof ApiError && error.status === 401)) return;
        if (!(error instanceof ApiError)) console.error('The package could not be started', error);
        setScreen({
          kind: 'failed',
          message:
            error instanceof ApiError && error.status === 404
              ? 'Dit onderdeel is er niet (meer). Ga terug naar het overzicht.'
              : failureMessage(error, 'Dit onderdeel kon nu niet worden geopend. Probeer het over een paar minuten opnieuw.'),
        });
      }
    };
    void start();

    return () => {
      active = false;
      removeEventListener('pagehide', onPageHide);
      removeEventListener('pageshow', onPageShow);
      // Take the SCO's frame away first: that runs its unload handlers, in which many SCOs save
      // their data and terminate themselves, while they can still reach the API.
      frame.current?.remove();
      if (open()) reporter!.send('terminate', host!.runtime());
      host?.remove();
      reporter?.dispose();
    };
  }, [item.id, attempt]);

  return (
    <ItemFrame item={item}>
      <div class="package">
        {moment?.intro ? (
          <Markdown source={moment.intro} class="body" />
        ) : (
          <p class="lead">
            Het onderdeel opent hieronder. Wat je erin doet, bewaren we bij je voortgang. Stop je halverwege? Dan kun je later meestal verder waar je was.
          </p>
        )}
        <div role="status" aria-live="polite" class="package-status">
          {screen.kind === 'ready' && <StatusLine record={record} saved={saved} />}
        </div>
        {problem && (
          <div class={problem.state === 'failed' ? 'error-box' : 'notice'} role="alert">
            <p>{problem.message}</p>
            {problem.state === 'waiting' && (
              <button type="button" class="button" onClick={() => reporterRef.current?.retry()}>
                Nu opnieuw proberen
              </button>
            )}
          </div>
        )}
        {screen.kind === 'loading' && <p role="status">Het onderdeel wordt geladen…</p>}
        {screen.kind === 'failed' && (
          <div class="error-box" role="alert">
            <p>{screen.message}</p>
            <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
              Opnieuw proberen
            </button>
          </div>
        )}
        {screen.kind === 'ready' && (
          <div class="package-player">
            <iframe
              ref={frame}
              class="package-frame"
              src={screen.launchUrl}
              title={`E-learning: ${item.title}`}
              sandbox="allow-scripts allow-same-origin allow-forms allow-downloads"
            />
          </div>
        )}
      </div>
    </ItemFrame>
  );
}

/** Where the participant stands in the package, from the server's record. */
function StatusLine({ record, saved }: { record: PackageRecord | null; saved: boolean }) {
  const parts = statusParts(record);
  return (
    <p class="meta">
      {parts.map((part, index) => (
        <span key={part}>
          {index > 0 && <span aria-hidden="true"> · </span>}
          {part}
        </span>
      ))}
      {saved && (
        <span>
          <span aria-hidden="true"> · </span>Je voortgang is opgeslagen
        </span>
      )}
    </p>
  );
}

function statusParts(record: PackageRecord | null): string[] {
  if (!record) return ['Nog niet begonnen'];
  const parts = [record.completion === 'completed' ? 'Afgerond' : record.completion === 'incomplete' || record.sittings > 0 ? 'Bezig' : 'Nog niet begonnen'];
  if (record.success === 'passed') parts.push('Gehaald');
  if (record.success === 'failed') parts.push('Niet gehaald');
  if (record.scoreScaled !== null) parts.push(`Score ${Math.round(record.scoreScaled * 100)}%`);
  const minutes = Math.round(record.totalTimeMs / 60_000);
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} gewerkt`);
  return parts;
}

/** The launch URL as a path on this site; undefined for anything elsewhere (the SCO must reach the API). */
function sameOriginPath(url: string): string | undefined {
  try {
    const parsed = new URL(url, location.origin);
    return parsed.origin === location.origin ? `${parsed.pathname}${parsed.search}${parsed.hash}` : undefined;
  } catch {
    return undefined;
  }
}
