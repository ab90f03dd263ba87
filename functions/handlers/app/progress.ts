/** GET /api/progress: the participant's own progress, outcomes, final test, gate and spinnenweb history. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { participantContext, participantDeps } from '../../http/participant.js';
import { loadProgress } from '../../core/progress/load-progress.js';
import { summarizeProgress } from '../../core/progress/progress-summary.js';
import { statementStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/progress', async (_event, { principal, deps }) => {
  const { course, enrolment } = await participantContext(principal, deps);
  const { state, spinnenweb } = await loadProgress(deps)({ enrolment, course });
  return json(200, { ...summarizeProgress(state, course, deps.now()), spinnenweb }, { 'cache-control': 'no-store' });
}, { deps: () => ({ ...participantDeps(), statements: statementStore() }) });
