/**
 * The app as the SCO's LMS: a scorm-again API (Scorm12API or Scorm2004API) loaded with what the
 * server kept of earlier sittings, put where the SCO looks for it (`window.API` for 1.2,
 * `window.API_1484_11` for 2004; the SCO's frame finds it through window.parent), and reporting
 * the SCO's Initialize, Commit and Terminate with the run-time data at that moment.
 *
 * scorm-again stores nothing by itself here: no commit URL (so it never POSTs) and no autocommit;
 * the screen sends every event to the server (package-sitting.ts). It is imported on demand, so a
 * build with code splitting loads it only on a package screen, and only the version needed.
 */
import type { Scorm12API, Scorm2004API } from 'scorm-again';
import type { PackageLaunch, Runtime, ScormVersion, SittingEvent } from './package-types.js';
import { launchCmi, runtimeFromCmi, sessionTimeToMs } from './scorm-runtime.js';

/** What the host uses of either API. */
interface HostedApi {
  on(listenerName: string, callback: (...args: unknown[]) => void): void;
  loadFromJSON(json: Record<string, unknown>, CMIElement?: string): void;
  renderCMIToJSONObject(): Record<string, unknown>;
  isInitialized(): boolean;
  isTerminated(): boolean;
}

type ApiSettings = ConstructorParameters<typeof Scorm12API>[0];
type ApiClass = new (settings: ApiSettings) => HostedApi;

const RUNTIME: Record<ScormVersion, { apiName: string; initialize: string; commit: string; terminate: string; sessionTime: string }> = {
  '1.2': { apiName: 'API', initialize: 'LMSInitialize', commit: 'LMSCommit', terminate: 'LMSFinish', sessionTime: 'LMSSetValue.cmi.core.session_time' },
  '2004': { apiName: 'API_1484_11', initialize: 'Initialize', commit: 'Commit', terminate: 'Terminate', sessionTime: 'SetValue.cmi.session_time' },
};

const SETTINGS: ApiSettings = { autocommit: false, lmsCommitUrl: false, logLevel: 'ERROR' };

// The subpath modules export the class by name (their type declarations say default; the code
// does not), hence the casts.
async function apiClass(version: ScormVersion): Promise<ApiClass> {
  if (version === '1.2') return ((await import('scorm-again/scorm12')) as unknown as { Scorm12API: typeof Scorm12API }).Scorm12API as unknown as ApiClass;
  return ((await import('scorm-again/scorm2004')) as unknown as { Scorm2004API: typeof Scorm2004API }).Scorm2004API as unknown as ApiClass;
}

export interface ScormHost {
  readonly version: ScormVersion;
  /** The run-time data now, normalised for the server. */
  runtime(): Runtime;
  /** The SCO called Initialize (and so a sitting is open). */
  initialized(): boolean;
  terminated(): boolean;
  /** Takes the API off the window again. */
  remove(): void;
}

type EventListener = (event: SittingEvent, runtime: Runtime) => void;

export async function hostScorm(launch: PackageLaunch, onEvent: EventListener): Promise<ScormHost> {
  const version = launch.scormVersion;
  const names = RUNTIME[version];
  const Api = await apiClass(version);
  const api = new Api(SETTINGS);
  try {
    api.loadFromJSON(launchCmi(version, launch.learner, launch.record));
  } catch (error) {
    // A value the SCO's version cannot hold (say, a 1.2 location over 255 characters): the SCO
    // starts without it rather than not at all.
    console.warn('The package could not be loaded with everything kept of earlier sittings', error);
  }

  let sessionTimeReported = false;
  const runtime = () => runtimeFromCmi(version, api.renderCMIToJSONObject().cmi, { sessionTimeReported });
  // scorm-again calls listeners after the call; an exception here must not reach the SCO.
  const report = (event: SittingEvent) => {
    try {
      onEvent(event, runtime());
    } catch (error) {
      console.error(`The package's ${event} could not be reported`, error);
    }
  };

  api.on(names.sessionTime, (_element, value) => {
    if (typeof value === 'string' && sessionTimeToMs(version, value) !== null) sessionTimeReported = true;
  });
  api.on(names.initialize, () => report('initialize'));
  api.on(names.commit, () => {
    // SCORM 1.2's LMSCommit still calls its listeners after LMSFinish.
    if (api.isInitialized() && !api.isTerminated()) report('commit');
  });
  api.on(names.terminate, () => report('terminate'));

  const slot = window as unknown as Record<string, unknown>;
  slot[names.apiName] = api;

  return {
    version,
    runtime,
    initialized: () => api.isInitialized() || api.isTerminated(),
    terminated: () => api.isTerminated(),
    remove() {
      if (slot[names.apiName] === api) delete slot[names.apiName];
    },
  };
}
