/** The value formats of xAPI-Data 4.x, checked directly. */
import { describe, expect, it } from 'vitest';
import { isDuration, isIri, isLanguageTag, isUuid, timestampToMs } from '../../../functions/core/xapi/statement-schema.js';

describe('timestampToMs', () => {
  it.each<[string, string]>([
    ['2024-05-01T12:30:00+02:00', '2024-05-01T10:30:00.000Z'],
    ['2024-05-01T02:30:00-0800', '2024-05-01T10:30:00.000Z'],
    ['2024-05-01T10:30:00.1234567Z', '2024-05-01T10:30:00.123Z'],
    ['2024-05-01T10:30:00,5Z', '2024-05-01T10:30:00.500Z'],
    ['2024-05-01T10:30Z', '2024-05-01T10:30:00.000Z'],
    ['2024-05-01T10:30:00', '2024-05-01T10:30:00.000Z'],
    ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59.999Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (timestamp, iso) => {
    expect(new Date(timestampToMs(timestamp)!).toISOString()).toBe(iso);
  });

  it('does not read a two-digit year as the 1900s', () => {
    expect(timestampToMs('0099-01-01T00:00:00Z')).toBe(Date.parse('0099-01-01T00:00:00Z'));
  });

  it.each(['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T10:60:00Z', '2024-05-01T10:30:00-00:00', '2024-05-01 10:30:00Z', '20240501T103000Z'])(
    'rejects %s',
    (timestamp) => {
      expect(timestampToMs(timestamp)).toBeUndefined();
    },
  );
});

describe('isDuration', () => {
  it.each(['P1Y', 'P1M', 'P1D', 'PT1H', 'PT1M', 'PT1S', 'P1Y2M3DT4H5M6.7S', 'P0.5D', 'P2W'])('accepts %s', (duration) => {
    expect(isDuration(duration)).toBe(true);
  });

  it.each(['', 'P', 'PT', '1H', 'P1H', 'PT1D', 'P1.5DT1H', 'P1W2D', 'P-1D', 'pt1h'])('rejects %s', (duration) => {
    expect(isDuration(duration)).toBe(false);
  });
});

describe('isIri, isUuid, isLanguageTag', () => {
  it.each(['http://example.com', 'urn:uuid:f47ac10b-58cc-4372-a567-0e02b2c3d479', 'http://example.com/فعل/خواندن', 'mailto:a@b.nl', 'http://x.nl/a%20b'])('%s is an IRI', (iri) => {
    expect(isIri(iri)).toBe(true);
  });

  it.each(['', 'example.com', '/relative', 'http://a b', 'ab=c://x', 'http:', 'http://x.nl/%zz', 'http://x.nl/{id}'])('%s is not an IRI', (iri) => {
    expect(isIri(iri)).toBe(false);
  });

  it('accepts UUIDs in any case but only in the standard form', () => {
    expect(isUuid('F47AC10B-58CC-4372-A567-0E02B2C3D479')).toBe(true);
    expect(isUuid('f47ac10b58cc4372a5670e02b2c3d479')).toBe(false);
    expect(isUuid('{f47ac10b-58cc-4372-a567-0e02b2c3d479}')).toBe(false);
  });

  it.each(['zh-yue-HK', 'de-CH-1996', 'sl-rozaj-biske', 'en-US-u-islamcal', 'x-whatever', 'zh-min-nan', 'EN-us'])('%s is a language tag', (tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });

  it.each(['', 'e', 'en_US', 'englishlanguage', 'de-419-419', 'sl-rozaj-rozaj', 'en-u-a-u-b', 'x'])('%s is not a language tag', (tag) => {
    expect(isLanguageTag(tag)).toBe(false);
  });
});
