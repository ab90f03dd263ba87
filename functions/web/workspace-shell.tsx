/**
 * The frame of a coach's or admin's workspace: skip link, header with the account, the
 * workspace's navigation, and the screen for the current address. #/ is the role's start screen
 * (a coach's participants; an admin's list of participants and coaches; an admin also uploads
 * SCORM packages at #/beheer/pakketten and makes SCORM exports at #/beheer/scorm-export).
 */
import { hashOf, routeKey, useRoute, type Route } from './router.js';
import { useScreenFocus } from './screen-focus.js';
import { WorkspaceContext, type Workspace } from './workspace.js';
import { AccreditationReport } from './screens/accreditation-report.js';
import { AdminPackages } from './screens/admin-packages.js';
import { AdminScormExports } from './screens/admin-scorm-exports.js';
import { AdminParticipants } from './screens/admin-participants.js';
import { CoachParticipant } from './screens/coach-participant.js';
import { CoachParticipants } from './screens/coach-participants.js';
import { CoachSlots } from './screens/coach-slots.js';
import { NotFound } from './screens/not-found.js';

export function WorkspaceShell({ workspace, onSignOut }: { workspace: Workspace; onSignOut: () => void }) {
  const route = useRoute();
  const key = routeKey(route);
  useScreenFocus(key);
  const { me, isCoach, isAdmin, isAccreditor } = workspace;
  const current = currentSection(route, workspace);
  const links: { section: Section; label: string }[] = [];
  if (isCoach) links.push({ section: 'coach-participants', label: 'Deelnemers' }, { section: 'coach-slots', label: 'Momenten' });
  if (isAdmin) {
    links.push(
      { section: 'admin-participants', label: isCoach ? 'Beheer' : 'Deelnemers en coaches' },
      { section: 'admin-packages', label: 'E-learningpakketten' },
      { section: 'admin-scorm-exports', label: 'SCORM-export' },
    );
  }

  return (
    <WorkspaceContext.Provider value={workspace}>
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
            Introductie Positieve Gezondheid <span class="brand-role">{isCoach ? 'voor coaches' : isAccreditor && !isAdmin ? 'accreditatie' : 'beheer'}</span>
          </a>
          <nav aria-label="Account" class="account">
            <span class="who" title={me.email}>
              {me.name.split(' ')[0] ?? me.name}
            </span>
            <button type="button" class="link-button" onClick={onSignOut}>
              Uitloggen
            </button>
          </nav>
        </div>
        {links.length > 1 && (
          <nav aria-label="Werkruimte" class="workspace-nav">
            <ul class="wrap">
              {links.map((link) => (
                <li key={link.section}>
                  <a href={hashOf({ name: link.section })} aria-current={current === link.section ? 'page' : undefined}>
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <div class="wrap">
          <Screen route={route} workspace={workspace} key={key} />
        </div>
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>
            {isCoach
              ? 'Het spinnenweb en de reflecties van een deelnemer zie je alleen als die ze met je deelt.'
              : 'Je ziet hier geen spinnenwebben of reflecties: die zijn van de deelnemers zelf.'}
          </p>
        </div>
      </footer>
    </WorkspaceContext.Provider>
  );
}

/** The workspace's parts that have a link in its navigation. */
type Section = 'coach-participants' | 'coach-slots' | 'admin-participants' | 'admin-packages' | 'admin-scorm-exports';

/** Which part of the workspace the address belongs to (for the navigation's aria-current). */
function currentSection(route: Route, workspace: Workspace): string | undefined {
  if (route.name === 'overview') return workspace.isCoach ? 'coach-participants' : 'admin-participants';
  if (route.name === 'coach-participant') return 'coach-participants';
  return route.name;
}

function Screen({ route, workspace }: { route: Route; workspace: Workspace }) {
  const { isCoach, isAdmin } = workspace;
  switch (route.name) {
    case 'overview':
      if (!isCoach && !isAdmin && workspace.isAccreditor) return <AccreditationReport />;
      return isCoach ? <CoachParticipants /> : <AdminParticipants />;
    case 'coach-participants':
      return isCoach ? <CoachParticipants /> : <NotFound />;
    case 'coach-participant':
      return isCoach ? <CoachParticipant registration={route.registration} /> : <NotFound />;
    case 'coach-slots':
      return isCoach ? <CoachSlots /> : <NotFound />;
    case 'admin-participants':
      return isAdmin ? <AdminParticipants /> : <NotFound />;
    case 'admin-packages':
      return isAdmin ? <AdminPackages /> : <NotFound />;
    case 'admin-scorm-exports':
      return isAdmin ? <AdminScormExports /> : <NotFound />;
    default:
      return <NotFound />;
  }
}
