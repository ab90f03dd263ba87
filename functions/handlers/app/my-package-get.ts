/** GET /api/me/packages/{itemId}: what the app needs to play an imported SCORM package, and where to resume. */
import { routeHandler } from '../../http/route-handler.js';
import { json } from '../../http/response.js';
import { participantContext, participantDeps } from '../../http/participant.js';
import { packageItemOf } from '../../core/scorm/imported/record-sitting.js';
import { packageRecordStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/me/packages/{itemId}', async (event, { principal, deps }) => {
  const { course, enrolment, userId, name } = await participantContext(principal, deps);
  const { item } = packageItemOf(course, event.pathParameters?.itemId ?? '');
  const stored = await deps.packageRecords.get(enrolment.registration, item.id);
  return json(
    200,
    { itemId: item.id, scormVersion: item.scormVersion, launchUrl: item.launchUrl, learner: { id: userId, name }, record: stored?.state.record ?? null },
    { 'cache-control': 'no-store' },
  );
}, { deps: () => ({ ...participantDeps(), packageRecords: packageRecordStore() }) });
