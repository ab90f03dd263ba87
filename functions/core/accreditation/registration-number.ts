/**
 * A participant's registration number (BIG number or a quality register's number), which the
 * accreditation report lists so the register can credit the points. Stored only with the
 * participant's explicit consent; withdrawing consent deletes the number (DESIGN.md "Privacy").
 * Which registers exist and what their numbers look like is data: registers.json.
 */
import * as z from 'zod/mini';
import '../zod-locale.js';
import registersDocument from './registers.json' with { type: 'json' };
import { ValidationError } from '../errors.js';

export interface Register {
  id: string;
  label: string;
  /** A regular expression the normalised number must match. */
  pattern: string;
  /** The expected format in plain Dutch, for messages. */
  format: string;
}

const RegistersFile = z.object({
  registers: z.array(z.object({ id: z.string().check(z.minLength(1)), label: z.string().check(z.minLength(1)), pattern: z.string().check(z.minLength(1)), format: z.string().check(z.minLength(1)) })).check(z.minLength(1)),
});

export const REGISTERS: readonly Register[] = RegistersFile.parse(registersDocument).registers;

export interface RegistrationNumber {
  userId: string;
  registerId: string;
  number: string;
  /** When the participant consented (ISO 8601): the number exists only with this. */
  consentedAt: string;
}

export interface RegistrationNumberStore {
  get(userId: string): Promise<RegistrationNumber | undefined>;
  put(record: RegistrationNumber): Promise<void>;
  delete(userId: string): Promise<void>;
}

/** What the participant sends (the shape; meaning is checked by saveRegistrationNumber). */
export const RegistrationNumberInput = z.strictObject({
  registerId: z.string({ error: 'Kies het register waarin je staat.' }),
  number: z.string({ error: 'Vul je registratienummer in.' }).check(z.maxLength(64, { error: 'Dit nummer is te lang. Controleer je registratienummer.' })),
  consent: z.boolean({ error: 'Geef aan of je toestemming geeft om je registratienummer te bewaren.' }),
});
export type RegistrationNumberInput = z.infer<typeof RegistrationNumberInput>;

/** Spaces, dots and dashes are how people write numbers, not part of them. */
export function normaliseNumber(number: string): string {
  return number.replace(/[\s.-]/g, '');
}

export function registerById(registerId: string): Register | undefined {
  return REGISTERS.find((register) => register.id === registerId);
}

/** Checks the input; returns the record to store. Every refusal is a Dutch 400 that says what to fix. */
export function validateRegistrationNumber(userId: string, input: RegistrationNumberInput, now: Date): RegistrationNumber {
  if (!input.consent) {
    throw new ValidationError('We bewaren je registratienummer alleen als je daar toestemming voor geeft. Zet het vinkje aan als je dat wilt.', {
      issues: [{ path: 'consent', message: 'toestemming ontbreekt' }],
    });
  }
  const register = registerById(input.registerId);
  if (!register) {
    throw new ValidationError(`Kies een register uit de lijst: ${REGISTERS.map((r) => r.label).join(', ')}.`, {
      issues: [{ path: 'registerId', message: 'onbekend register' }],
    });
  }
  const number = normaliseNumber(input.number);
  if (!new RegExp(register.pattern).test(number)) {
    throw new ValidationError(`Een nummer in het ${register.label} bestaat uit ${register.format}. Controleer je nummer en probeer het opnieuw.`, {
      issues: [{ path: 'number', message: `verwacht ${register.format}` }],
    });
  }
  return { userId, registerId: register.id, number, consentedAt: now.toISOString() };
}

export const saveRegistrationNumber =
  (deps: { registrationNumbers: RegistrationNumberStore; now: () => Date }) =>
  async (userId: string, input: RegistrationNumberInput): Promise<RegistrationNumber> => {
    const record = validateRegistrationNumber(userId, input, deps.now());
    await deps.registrationNumbers.put(record);
    return record;
  };

/** Withdrawing consent: the number is deleted, not just hidden. */
export const withdrawRegistrationNumber =
  (deps: { registrationNumbers: RegistrationNumberStore }) =>
  async (userId: string): Promise<void> => {
    await deps.registrationNumbers.delete(userId);
  };
