/** POST /api/coach/slots: the coach offers a moment (coaching: 1 place; inspiratiesessie: 2 to groupMax places). */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { routeHandler } from '../../http/route-handler.js';
import { jsonBody } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { personOf } from '../../http/principals.js';
import { loadCourse } from '../../core/course/load.js';
import { createSlot } from '../../core/contact-moment/slots.js';
import { now, slotStore } from '../../composition/stores.js';

const DateTime = z.iso.datetime({ offset: true, error: 'Geef een tijdstip als 2026-12-01T14:00:00+01:00.' });

export const SlotInput = z.strictObject({
  form: z.enum(['coaching', 'inspiratiesessie'], { error: 'Kies de vorm: coaching of inspiratiesessie.' }),
  startsAt: DateTime,
  endsAt: DateTime,
  capacity: z.optional(z.number({ error: 'Het aantal plaatsen is een heel getal.' }).check(z.int({ error: 'Het aantal plaatsen is een heel getal.' }))),
  location: z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('place'), address: z.string().check(z.trim(), z.minLength(1, 'Vul het adres in.'), z.maxLength(300)) }),
      z.strictObject({ kind: z.literal('online'), url: z.url({ protocol: /^https$/, error: 'Geef de link naar het online gesprek (https://...).' }).check(z.maxLength(500)) }),
    ],
    { error: 'Geef een plaats ({kind: "place", address}) of een online link ({kind: "online", url}).' },
  ),
  note: z.optional(z.string().check(z.maxLength(500, 'Houd de toelichting onder de 500 tekens.'))),
});
export type SlotInput = z.infer<typeof SlotInput>;

export const handler = routeHandler('POST /api/coach/slots', async (event, { principal, deps }) => {
  const input = parseInput(SlotInput, jsonBody(event));
  const { capacity, note, ...slot } = input;
  const created = await createSlot(deps)({
    coachId: personOf(principal).userId,
    course: loadCourse(),
    slot: { ...slot, ...(capacity !== undefined ? { capacity } : {}), ...(note !== undefined ? { note } : {}) },
  });
  return json(201, created);
}, { deps: () => ({ slots: slotStore(), now }) });
