/**
 * Input schemas that more than one handler takes. They live here, not in one handler's file:
 * importing a handler file would pull that whole route (its stores, its clients) into the bundle.
 */
import * as z from 'zod/mini';
import '../core/zod-locale.js';
import { ERASURE_CONFIRMATION } from '../core/privacy/erase-my-data.js';

/** POST /api/me/erasure and the admin's erasure on a participant's behalf. */
export const ErasureInput = z.strictObject({
  confirmation: z.string({ error: `Typ ${ERASURE_CONFIRMATION} in confirmation om te bevestigen dat je al je gegevens wilt laten verwijderen.` }),
});

/** The participant an admin route is about. */
export const UserParam = z.strictObject({ userId: z.string().check(z.minLength(1), z.maxLength(200)) });
