/**
 * The app's phases: loading, signed out (sign-in), signed in as a participant (the course), as a
 * coach or admin (their workspace), and the few dead ends (no role that has a place here, server
 * unreachable), each with a clear Dutch message. The roles come from /api/me.
 *
 * Embedded mode (the course in an LMS, through a thin SCORM package; functions/web/embedded/):
 * the launch fragment is exchanged for a participant's token first, and the LMS does the signing
 * in and out: no sign-in form, no "Uitloggen", and a dead end that says what to do instead.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LaunchFragment } from '../core/scorm/bridge-protocol.js';
import { api, ApiError, forgetToken, NetworkError, onUnauthorized, storedToken, storeToken, type AppConfig, type Me } from './api.js';
import { markEmbedded, type EmbeddedStart } from './embedded/launch.js';
import { openSession, type Session } from './session.js';
import { removeEverythingOf } from './storage.js';
import { Shell, type EmbeddedInfo } from './shell.js';
import { SignIn } from './screens/sign-in.js';
import { hasWorkspace, openWorkspace, type Workspace } from './workspace.js';
import { WorkspaceShell } from './workspace-shell.js';

type Phase =
  | { kind: 'loading' }
  | { kind: 'signed-out'; config: AppConfig | undefined; notice?: string }
  | { kind: 'ready'; session: Session }
  | { kind: 'workspace'; workspace: Workspace }
  | { kind: 'not-participant'; me: Me }
  | { kind: 'error'; message: string }
  /** Embedded mode's ends: nothing to retry here; the way on is through the LMS. */
  | { kind: 'dead-end'; title: string; message: string };

const ERASED = 'Je gegevens zijn verwijderd. Je account bestaat niet meer, en op dit apparaat staat niets meer van je cursus.';
const SESSION_ENDED = 'Je bent uitgelogd, omdat je sessie is verlopen. Log opnieuw in om verder te gaan. Wat je hebt gedaan, is bewaard.';

const LINK_BROKEN = 'Deze link naar de cursus werkt niet (meer). Vraag de beheerder van je leeromgeving om hulp.';
const linkBroken = (message = LINK_BROKEN): Phase => ({ kind: 'dead-end', title: 'De cursus kan niet starten', message });
const EMBEDDED_SESSION_ENDED: Phase = {
  kind: 'dead-end',
  title: 'Start de cursus opnieuw',
  message: 'Je sessie is verlopen. Sluit de cursus en start hem opnieuw vanuit je leeromgeving. Wat je hebt gedaan, is bewaard.',
};
const EMBEDDED_ERASED: Phase = { kind: 'dead-end', title: 'Je gegevens zijn verwijderd', message: ERASED };

/** `embeddedStart` is what main.tsx found in the address at start-up (takeEmbeddedStart). */
export function App({ embeddedStart = { kind: 'none' } }: { embeddedStart?: EmbeddedStart }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const config = useRef<AppConfig | undefined>(undefined);
  const session = useRef<Session | undefined>(undefined);
  /** A launch fragment still to exchange (kept until that succeeds, so "Opnieuw proberen" can). */
  const launch = useRef<LaunchFragment | undefined>(embeddedStart.kind === 'launch' ? embeddedStart.fragment : undefined);
  const embedded = useRef<EmbeddedInfo | undefined>(
    embeddedStart.kind === 'none' ? undefined : { organisation: embeddedStart.kind === 'embedded' ? embeddedStart.organisation : undefined },
  );

  const endSession = (notice?: string) => {
    forgetToken();
    session.current?.stop();
    session.current = undefined;
    if (embedded.current) {
      setPhase(notice === ERASED ? EMBEDDED_ERASED : EMBEDDED_SESSION_ENDED);
      return;
    }
    // Signing out on purpose: whoever signs in next starts at their own start screen. (An expired
    // session keeps the address, so the same person continues where they were.)
    if (!notice && location.hash && location.hash !== '#/') history.replaceState(null, '', '#/');
    setPhase({ kind: 'signed-out', config: config.current, ...(notice ? { notice } : {}) });
  };

  /** Trades the launch fragment for a token; false when that ended in a dead end. */
  const exchange = async (fragment: LaunchFragment): Promise<boolean> => {
    // The exchange carries no Authorization, and a new launch never goes on with an older token.
    forgetToken();
    try {
      const { token, organisation } = await api.scormSession(fragment.key, fragment.learner, fragment.name);
      storeToken(token);
      markEmbedded(window, organisation);
      embedded.current = { organisation };
      launch.current = undefined;
      return true;
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 401, 403].includes(error.status)) throw error;
      // A wrong or revoked key (401) comes with the server's own Dutch words; a malformed launch
      // (400) with technical ones, which the learner is spared.
      const message = error.status === 401 ? (error.serverMessage ?? LINK_BROKEN) : LINK_BROKEN;
      setPhase(linkBroken(message));
      return false;
    }
  };

  const start = async () => {
    setPhase({ kind: 'loading' });
    try {
      if (embeddedStart.kind === 'invalid-launch') {
        setPhase(linkBroken());
        return;
      }
      if (launch.current && !(await exchange(launch.current))) return;
      config.current ??= await api.config();
      if (!storedToken()) {
        setPhase(embedded.current ? EMBEDDED_SESSION_ENDED : { kind: 'signed-out', config: config.current });
        return;
      }
      const me = await api.me();
      // Only participants come in through an LMS; anyone else's token is not this link's.
      if (embedded.current && !me.roles.includes('participant')) {
        forgetToken();
        setPhase(linkBroken());
        return;
      }
      // Someone who is both takes the course here; the workspace is for coaches and admins.
      if (!me.roles.includes('participant') && hasWorkspace(me)) {
        setPhase({ kind: 'workspace', workspace: await openWorkspace(me) });
        return;
      }
      if (!me.roles.includes('participant')) {
        setPhase({ kind: 'not-participant', me });
        return;
      }
      session.current = await openSession(me, {
        onErased: () => {
          history.replaceState(null, '', '#/');
          endSession(ERASED);
          // After the session stopped, so nothing writes its outbox or drafts back.
          removeEverythingOf(me.userId);
        },
      });
      session.current.outbox.kick();
      setPhase({ kind: 'ready', session: session.current });
    } catch (error) {
      // A 401 has already ended the session (onUnauthorized).
      if (error instanceof ApiError && error.status === 401) return;
      setPhase({
        kind: 'error',
        message:
          error instanceof NetworkError
            ? 'We kunnen de cursus nu niet bereiken. Controleer je internetverbinding en probeer het opnieuw.'
            : 'Er ging iets mis bij het laden van de cursus. Probeer het over een paar minuten opnieuw.',
      });
    }
  };

  useEffect(() => {
    onUnauthorized(() => endSession(SESSION_ENDED));
    void start();
    // Run once: the phases below call start() again when needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  switch (phase.kind) {
    case 'loading':
      return (
        <main id="main" class="boot" tabIndex={-1}>
          <p role="status">De cursus wordt geladen…</p>
        </main>
      );
    case 'signed-out':
      return <SignIn config={phase.config} notice={phase.notice} onSignedIn={() => void start()} />;
    case 'ready':
      return <Shell session={phase.session} onSignOut={() => endSession()} embedded={embedded.current} />;
    case 'workspace':
      return <WorkspaceShell workspace={phase.workspace} onSignOut={() => endSession()} />;
    case 'not-participant':
      return (
        <main id="main" class="boot" tabIndex={-1}>
          <h1>Deze omgeving is voor deelnemers, coaches en beheerders</h1>
          <p>
            Je bent ingelogd als {phase.me.name}. Dit is de omgeving van de Introductie Positieve Gezondheid voor deelnemers, hun coaches en de beheerders.
            Je account heeft geen van die rollen.
          </p>
          <button type="button" class="button" onClick={() => endSession()}>
            Uitloggen
          </button>
        </main>
      );
    case 'error':
      return (
        <main id="main" class="boot" tabIndex={-1}>
          <h1>De cursus kon niet worden geladen</h1>
          <p>{phase.message}</p>
          <button type="button" class="button primary" onClick={() => void start()}>
            Opnieuw proberen
          </button>
        </main>
      );
    case 'dead-end':
      return (
        <main id="main" class="boot" tabIndex={-1}>
          <h1>{phase.title}</h1>
          <p>{phase.message}</p>
        </main>
      );
  }
}
