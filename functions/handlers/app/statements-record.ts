/** POST /api/statements: learning events from the participant app, stored in the module's LRS. */
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { participantContext } from '../../http/participant.js';
import { ValidationError } from '../../core/errors.js';
import { parseStatements } from '../../core/xapi/statement-schema.js';
import { recordParticipantStatements } from '../../core/progress/record-participant-statements.js';
import { readinessDeps } from '../../composition/route-deps.js';

export const handler = routeHandler('POST /api/statements', async (event, { principal, deps, xapiVersion }) => {
  const { enrolment, userId } = await participantContext(principal, deps);
  // The app's own API speaks xAPI 1.0.3 (routeHandler's version outside /xapi).
  const { statements, wasArray } = parseStatements(jsonBody(event), xapiVersion);
  if (!wasArray || statements.length === 0) {
    throw new ValidationError('Send the statements as a non-empty JSON array.', { issues: [{ path: 'body', message: 'must be a non-empty array' }] });
  }
  const ids = await recordParticipantStatements(deps)({ userId, registration: enrolment.registration, statements, authority: deps.appAuthority });
  return json(200, { ids });
}, { deps: () => readinessDeps() });
