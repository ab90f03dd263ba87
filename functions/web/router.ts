/**
 * Routing on location.hash, so every screen has an address (bookmark, back button, reload) and
 * the server only ever serves index.html:
 *   #/                the course overview
 *   #/item/<id>       a page, check, reflection, spinnenweb, assignment or imported e-learning package
 *   #/toets           the final test
 *   #/evaluatie       the course evaluation
 *   #/vervolgkeuze    the follow-up choice
 *   #/contactmoment   the contact moment
 * and for coaches and admins (their start screen is at #/ too):
 *   #/coach                       the coach's participants, by status
 *   #/coach/deelnemer/<reg>       one participant (and recording the contact moment)
 *   #/coach/momenten              the coach's slots and group sessions
 *   #/beheer                      the admin: participants and their coach
 *   #/beheer/pakketten            the admin: imported SCORM packages (e-learningpakketten)
 *   #/beheer/scorm-export         the admin: SCORM exports for organisations' own LMSs
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'overview' }
  | { name: 'item'; itemId: string }
  | { name: 'test' }
  | { name: 'evaluation' }
  | { name: 'choice' }
  | { name: 'contact' }
  | { name: 'coach-participants' }
  | { name: 'coach-participant'; registration: string }
  | { name: 'coach-slots' }
  | { name: 'admin-participants' }
  | { name: 'admin-packages' }
  | { name: 'admin-scorm-exports' }
  | { name: 'not-found'; hash: string };

type FixedRoute = Exclude<Route, { name: 'overview' | 'item' | 'coach-participant' | 'not-found' }>;

/** The addresses without a parameter, both ways: parseHash reads them, hashOf writes them. */
const FIXED_PATHS = new Map<string, FixedRoute['name']>([
  ['/toets', 'test'],
  ['/evaluatie', 'evaluation'],
  ['/vervolgkeuze', 'choice'],
  ['/contactmoment', 'contact'],
  ['/coach', 'coach-participants'],
  ['/coach/momenten', 'coach-slots'],
  ['/beheer', 'admin-participants'],
  ['/beheer/pakketten', 'admin-packages'],
  ['/beheer/scorm-export', 'admin-scorm-exports'],
]);

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '') return { name: 'overview' };
  const item = /^\/item\/([a-z0-9-]+)$/.exec(path);
  if (item) return { name: 'item', itemId: item[1]! };
  const participant = /^\/coach\/deelnemer\/([0-9a-fA-F-]{36})$/.exec(path);
  if (participant) return { name: 'coach-participant', registration: participant[1]!.toLowerCase() };
  const fixed = FIXED_PATHS.get(path);
  return fixed ? { name: fixed } : { name: 'not-found', hash };
}

/** The address of a route: parseHash(hashOf(route)) is route again. */
export function hashOf(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/';
    case 'item':
      return `#/item/${route.itemId}`;
    case 'coach-participant':
      return `#/coach/deelnemer/${route.registration}`;
    case 'not-found':
      return route.hash;
    default: {
      for (const [path, name] of FIXED_PATHS) if (name === route.name) return `#${path}`;
      throw new Error(`No address for route ${route.name}.`);
    }
  }
}

export function routeKey(route: Route): string {
  if (route.name === 'item') return `item:${route.itemId}`;
  if (route.name === 'coach-participant') return `coach-participant:${route.registration}`;
  return route.name;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(hash: string): void {
  if (location.hash === hash) return;
  location.hash = hash;
}
