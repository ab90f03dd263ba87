/**
 * POST /scorm/sessions: the hosted course, opened by a thin SCORM package in an organisation's
 * LMS, trades the package's export key and the LMS's learner for a participant session
 * (core/scorm/exports/launch.ts). Public: the key is the credential. A wrong or revoked key is a
 * 401 and writes nothing.
 */
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { LaunchInput, openLaunch } from '../../core/scorm/exports/launch.js';
import { launchSessions } from '../../composition/launch-sessions.js';
import { config, exportStore, now, userStore } from '../../composition/stores.js';

export const handler = routeHandler('POST /scorm/sessions', async (event, { deps }) => {
  const input = parseInput(LaunchInput, jsonBody(event));
  const launched = await openLaunch({ ...deps, sessions: launchSessions(deps.config) })(input);
  return json(200, launched, { 'cache-control': 'no-store' });
}, { deps: () => ({ config: config(), exports: exportStore(), users: userStore(), now }) });
