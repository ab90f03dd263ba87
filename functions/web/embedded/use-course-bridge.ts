/**
 * The course bridge in the signed-in shell, in embedded mode only: it follows the server's
 * progress, the screen and the recorded statements, and on `resume` goes back to the screen the
 * LMS kept. Outside an iframe there is no launch page to talk to, so nothing starts.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Progress } from '../api.js';
import { navigate, parseHash, routeKey, type Route } from '../router.js';
import type { Session } from '../session.js';
import { createCourseBridge, type CourseBridge } from './course-bridge.js';

export function useCourseBridge(embedded: boolean, session: Session, route: Route, progress: Progress | null | undefined): void {
  const bridge = useRef<CourseBridge | undefined>(undefined);

  // Declared first: on mounting, the bridge exists before the two effects below feed it.
  // (A new bridge is fed what is known now, too; repeating it changes nothing.)
  useEffect(() => {
    if (!embedded || window.parent === window) return;
    const created = createCourseBridge({
      parent: window.parent,
      events: window,
      courseId: session.course.id,
      onResume: (hash) => {
        // Only from the start screen: a learner who has moved on meanwhile stays where they are.
        if (parseHash(location.hash).name !== 'overview') return false;
        navigate(hash);
        return true;
      },
    });
    const unsubscribe = session.onRecorded((statements) => created.record(statements));
    created.setRoute(route);
    created.setProgress(progress);
    bridge.current = created;
    return () => {
      unsubscribe();
      created.stop();
      bridge.current = undefined;
    };
  }, [embedded, session]);

  useEffect(() => {
    bridge.current?.setProgress(progress);
  }, [progress]);

  useEffect(() => {
    bridge.current?.setRoute(route);
  }, [routeKey(route)]);
}
