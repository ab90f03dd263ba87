/** GET /api/drafts: the participant's unsent texts, to restore forms on any device. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { personOf } from '../../http/principals.js';
import { loadCourse } from '../../core/course/load.js';
import { draftStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/drafts', async (_event, { principal, deps }) => {
  const drafts = await deps.drafts.list(personOf(principal).userId, loadCourse().id);
  return json(200, { drafts }, { 'cache-control': 'no-store' });
}, { deps: () => ({ drafts: draftStore() }) });
