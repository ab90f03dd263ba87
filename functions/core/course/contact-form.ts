/**
 * The two forms of the personal contact moment. A module of its own so the stores that check it
 * do not load the whole course schema (a cold start pays for every schema it builds).
 */
import * as z from 'zod/mini';
import '../zod-locale.js';

export const ContactForm = z.enum(['coaching', 'inspiratiesessie']);
export type ContactForm = z.infer<typeof ContactForm>;
