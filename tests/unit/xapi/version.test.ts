import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/core/errors.js';
import { fallbackVersion, negotiateVersion, versionOf } from '../../../functions/core/xapi/version.js';

describe('version negotiation', () => {
  it.each([
    ['1.0.3', '1.0.3'],
    ['1.0.0', '1.0.3'],
    ['1.0.1', '1.0.3'],
    ['1.0.2', '1.0.3'],
    ['1.0', '1.0.3'],
    [' 1.0.3 ', '1.0.3'],
    ['2.0.0', '2.0.0'],
    ['2.0', '2.0.0'],
    ['2.0.1', '2.0.0'],
  ])('serves %s as %s', (header, served) => {
    expect(versionOf(header)).toBe(served);
    expect(negotiateVersion(header)).toBe(served);
  });

  it.each(['0.95', '0.9', '1.1.0', '2.1.0', '3.0.0', '1.0.3.1', 'latest'])('does not speak %s', (header) => {
    expect(versionOf(header)).toBeUndefined();
    expect(() => negotiateVersion(header)).toThrow(ValidationError);
  });

  it('asks for the header when it is missing or empty', () => {
    for (const header of [undefined, '', '  ']) {
      expect(() => negotiateVersion(header)).toThrow(/X-Experience-API-Version header is missing/);
    }
  });
});

describe('fallbackVersion', () => {
  it('answers in the newest version unless the deployment names another one it speaks', () => {
    expect(fallbackVersion(undefined)).toBe('2.0.0');
    expect(fallbackVersion('1.0.3')).toBe('1.0.3');
    expect(fallbackVersion('1.0.1')).toBe('1.0.3');
    expect(fallbackVersion('0.95')).toBe('2.0.0');
  });
});
