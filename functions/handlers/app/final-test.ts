/** POST /api/final-test: grade one attempt of the final test on the server and record the result. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { participantContext } from '../../http/participant.js';
import { submitFinalTest } from '../../core/progress/submit-final-test.js';
import { readinessDeps } from '../../composition/route-deps.js';

export const FinalTestInput = z.strictObject({
  attemptId: z.uuid({ error: 'attemptId moet een UUID zijn.' }),
  answers: z.record(z.string(), z.array(z.string()).check(z.maxLength(10))),
  activeIntervals: z.optional(z.array(z.tuple([z.string(), z.string()])).check(z.maxLength(100))),
});

export const handler = routeHandler('POST /api/final-test', async (event, { principal, deps }) => {
  const { course, enrolment, userId, name } = await participantContext(principal, deps);
  const input = parseInput(FinalTestInput, jsonBody(event));
  const outcome = await submitFinalTest(deps)({
    course,
    enrolment,
    participant: { userId, name },
    attemptId: input.attemptId.toLowerCase(),
    answers: input.answers,
    ...(input.activeIntervals ? { activeIntervals: input.activeIntervals } : {}),
    authority: deps.appAuthority,
  });
  return json(200, outcome);
}, { deps: () => readinessDeps() });
