/**
 * PUT /api/me/packages/{itemId}/sittings/{sittingId}: the app reports a sitting of an imported
 * SCORM package (at Initialize, every Commit and Terminate). The module keeps the run-time data
 * for the next sitting and records the SCORM events as xAPI statements (record-sitting.ts).
 */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { participantContext } from '../../http/participant.js';
import { ValidationError } from '../../core/errors.js';
import { isUuid } from '../../core/xapi/data-formats.js';
import { recordSitting } from '../../core/scorm/imported/record-sitting.js';
import { MAX_INTERACTIONS } from '../../core/scorm/imported/sittings.js';
import { packageRecordStore } from '../../composition/stores.js';
import { readinessDeps } from '../../composition/route-deps.js';

const text = (max: number) => z.string().check(z.maxLength(max, `mag hoogstens ${max} tekens zijn`));

const Interaction = z.strictObject({
  id: z.string().check(z.minLength(1, 'mag niet leeg zijn'), z.maxLength(255, 'mag hoogstens 255 tekens zijn')),
  type: text(40),
  learnerResponse: text(1000),
  result: text(40),
  correctResponses: z.array(text(1000)).check(z.maxLength(10, 'hoogstens 10 juiste antwoorden')),
  description: z.nullable(text(250)),
});

export const SittingBody = z.strictObject({
  event: z.enum(['initialize', 'commit', 'terminate']),
  runtime: z.strictObject({
    completion: z.enum(['completed', 'incomplete', 'not attempted', 'unknown']),
    success: z.enum(['passed', 'failed', 'unknown']),
    scoreScaled: z.nullable(z.number().check(z.gte(-1), z.lte(1))),
    // SCORM 2004 allows 64000 characters of suspend data (1.2: 4096).
    suspendData: text(64_000),
    location: text(1000),
    exit: z.enum(['', 'suspend', 'logout', 'normal', 'time-out']),
    sessionTimeMs: z.nullable(z.number().check(z.gte(0), z.lte(7 * 24 * 3600 * 1000))),
    interactions: z.array(Interaction).check(z.maxLength(MAX_INTERACTIONS, `hoogstens ${MAX_INTERACTIONS} interacties`)),
  }),
});

export const handler = routeHandler('PUT /api/me/packages/{itemId}/sittings/{sittingId}', async (event, { principal, deps }) => {
  const sittingId = event.pathParameters?.sittingId ?? '';
  if (!isUuid(sittingId)) throw new ValidationError('De sessie-id moet een UUID zijn.', { issues: [{ path: 'path.sittingId', message: 'must be a UUID' }] });
  const body = parseInput(SittingBody, jsonBody(event));
  const { course, enrolment, userId } = await participantContext(principal, deps);
  const record = await recordSitting(deps)({
    course,
    userId,
    registration: enrolment.registration,
    itemId: event.pathParameters?.itemId ?? '',
    sittingId: sittingId.toLowerCase(),
    event: body.event,
    runtime: body.runtime,
  });
  return json(200, { record }, { 'cache-control': 'no-store' });
}, { deps: () => ({ ...readinessDeps(), packageRecords: packageRecordStore() }) });
