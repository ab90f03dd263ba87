/** SCORM run-time data as the app reports it (functions/core/scorm/imported/sittings.ts), for tests. */
import type { Runtime } from '../../functions/core/scorm/imported/sittings.js';

/** A sitting that has set nothing yet, with these values set. */
export function runtime(overrides: Partial<Runtime> = {}): Runtime {
  return {
    completion: 'incomplete',
    success: 'unknown',
    scoreScaled: null,
    suspendData: '',
    location: '',
    exit: '',
    sessionTimeMs: null,
    interactions: [],
    ...overrides,
  };
}
