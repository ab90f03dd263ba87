/** PUT /api/drafts/{itemId}: autosave of a form the participant is filling in. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { noContent } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { loadCourse, itemById } from '../../core/course/load.js';
import { NotFoundError } from '../../core/errors.js';
import { draftStore, now } from '../../composition/stores.js';

/** Drafts are small forms; the cap keeps one item far below DynamoDB's 400 KB. */
const MAX_DRAFT_CHARS = 50_000;

export const DraftInput = z.strictObject({
  content: z.record(z.string(), z.unknown()).check(z.refine((c) => JSON.stringify(c).length <= MAX_DRAFT_CHARS, {
    message: `Een concept mag hoogstens ${MAX_DRAFT_CHARS} tekens zijn.`,
  })),
});

export const handler = routeHandler('PUT /api/drafts/{itemId}', async (event, { principal, deps }) => {
  const course = loadCourse();
  const itemId = event.pathParameters?.itemId ?? '';
  if (!itemById(course, itemId)) throw new NotFoundError(`Er is geen onderdeel "${itemId}" in deze cursus.`);
  const { content } = parseInput(DraftInput, jsonBody(event));
  await deps.drafts.put(personOf(principal).userId, course.id, { itemId, content, savedAt: deps.now().toISOString() });
  return noContent();
}, { deps: () => ({ drafts: draftStore(), now }) });
