/** DELETE /api/coach/slots/{slotId}: the coach withdraws one of their own slots, if nobody booked it. */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { noContent } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { deleteSlot } from '../../core/contact-moment/slots.js';
import { NotFoundError } from '../../core/errors.js';
import { slotStore } from '../../composition/stores.js';

export const SlotParam = z.strictObject({ slotId: z.string() });

export const handler = routeHandler('DELETE /api/coach/slots/{slotId}', async (event, { principal, deps }) => {
  const { slotId } = parseInput(SlotParam, event.pathParameters ?? {});
  if (!z.uuid().safeParse(slotId).success) throw new NotFoundError('Dit moment bestaat niet, of het is niet van jou.');
  await deleteSlot(deps)({ coachId: personOf(principal).userId, slotId: slotId.toLowerCase() });
  return noContent();
}, { deps: () => ({ slots: slotStore() }) });
