/**
 * The app's phases: loading, signed out (sign-in), signed in as a participant (the course), as a
 * coach or admin (their workspace), and the few dead ends (no role that has a place here, server
 * unreachable), each with a clear Dutch message. The roles come from /api/me.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, forgetToken, NetworkError, onUnauthorized, storedToken, type AppConfig, type Me } from './api.js';
import { openSession, type Session } from './session.js';
import { removeEverythingOf } from './storage.js';
import { Shell } from './shell.js';
import { SignIn } from './screens/sign-in.js';
import { hasWorkspace, openWorkspace, type Workspace } from './workspace.js';
import { WorkspaceShell } from './workspace-shell.js';

type Phase =
  | { kind: 'loading' }
  | { kind: 'signed-out'; config: AppConfig | undefined; notice?: string }
  | { kind: 'ready'; session: Session }
  | { kind: 'workspace'; workspace: Workspace }
  | { kind: 'not-participant'; me: Me }
  | { kind: 'error'; message: string };

const ERASED = 'Je gegevens zijn verwijderd. Je account bestaat niet meer, en op dit apparaat staat niets meer van je cursus.';
const SESSION_ENDED = 'Je bent uitgelogd, omdat je sessie is verlopen. Log opnieuw in om verder te gaan. Wat je hebt gedaan, is bewaard.';

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const config = useRef<AppConfig | undefined>(undefined);
  const session = useRef<Session | undefined>(undefined);

  const endSession = (notice?: string) => {
    forgetToken();
    session.current?.stop();
    session.current = undefined;
    // Signing out on purpose: whoever signs in next starts at their own start screen. (An expired
    // session keeps the address, so the same person continues where they were.)
    if (!notice && location.hash && location.hash !== '#/') history.replaceState(null, '', '#/');
    setPhase({ kind: 'signed-out', config: config.current, ...(notice ? { notice } : {}) });
  };

  const start = async () => {
    setPhase({ kind: 'loading' });
    try {
      config.current ??= await api.config();
      if (!storedToken()) {
        setPhase({ kind: 'signed-out', config: config.current });
        return;
      }
      const me = await api.me();
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
      return <Shell session={phase.session} onSignOut={() => endSession()} />;
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
  }
}
