/** Validating a registration number: consent first, a known register, its format; Dutch messages. */
import { describe, expect, it } from 'vitest';
import { REGISTERS, validateRegistrationNumber } from '../../../functions/core/accreditation/registration-number.js';
import { ValidationError } from '../../../functions/core/errors.js';

const now = new Date('2026-11-20T10:00:00Z');
const validate = (registerId: string, number: string, consent = true) => validateRegistrationNumber('u1', { registerId, number, consent }, now);

describe('a registration number', () => {
  it('is refused without consent, whatever the number', () => {
    expect(() => validate('big', '19012345601', false)).toThrow(/alleen als je daar toestemming voor geeft/);
  });

  it('for BIG is exactly 11 digits (spaces, dots and dashes allowed in between)', () => {
    expect(validate('big', '1901 2345.6-01')).toEqual({ userId: 'u1', registerId: 'big', number: '19012345601', consentedAt: now.toISOString() });
    for (const wrong of ['1901234560', '190123456012', '1901234560a', '']) {
      expect(() => validate('big', wrong)).toThrow(ValidationError);
      expect(() => validate('big', wrong)).toThrow(/precies 11 cijfers/);
    }
  });

  it('needs a register from the list', () => {
    expect(() => validate('onbekend', '12345')).toThrow(/Kies een register uit de lijst/);
  });

  it('has registers from the data file, each with a pattern that compiles', () => {
    expect(REGISTERS.map((r) => r.id)).toEqual(['big', 'kwaliteitsregister-vvn', 'skj', 'register-vaktherapie']);
    for (const register of REGISTERS) expect(() => new RegExp(register.pattern)).not.toThrow();
  });
});
