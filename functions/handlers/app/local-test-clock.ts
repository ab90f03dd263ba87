/**
 * POST /__test/clock {offsetMs} (local runtime started with LOCAL_TEST_CLOCK=1 only): moves the
 * server's clock, so end-to-end tests can let an hour pass in a second, in step with the browser.
 */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { now, setTestClockOffset, testClockEnabled } from '../../composition/clock.js';
import { NotFoundError } from '../../core/errors.js';

const ClockInput = z.strictObject({ offsetMs: z.number().check(z.int()) });

export const handler = routeHandler('POST /__test/clock', async (event) => {
  if (!testClockEnabled()) throw new NotFoundError('No route for /__test/clock (start with LOCAL_TEST_CLOCK=1 to enable it).');
  setTestClockOffset(parseInput(ClockInput, jsonBody(event)).offsetMs);
  return json(200, { now: now().toISOString() });
});
