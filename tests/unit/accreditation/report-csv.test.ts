/** The CSV export: header, RFC 4180 quoting, formula neutralising, completed rows only, no BOM. */
import { describe, expect, it } from 'vitest';
import { csvField, CSV_COLUMNS, reportCsv, type ReportRow } from '../../../functions/core/accreditation/report.js';

const row = (overrides: Partial<ReportRow> = {}): ReportRow => ({
  registration: 'r1',
  userId: 'u1',
  name: 'Anna Jansen',
  courseId: 'https://introductie-pg.nl/xapi/course/introductie',
  courseVersion: '2026.1',
  completed: true,
  completedOn: '2026-11-02',
  studyHours: 5,
  accreditationPoints: 5,
  contactMoment: { date: '2026-11-02', form: 'coaching' },
  registrationNumber: { registerId: 'big', register: 'BIG-register', number: '19012345601' },
  ...overrides,
});

describe('the accreditation CSV', () => {
  it('quotes what needs it and neutralises spreadsheet formulas', () => {
    expect(csvField('gewoon')).toBe('gewoon');
    expect(csvField('de Wit, Anna')).toBe('"de Wit, Anna"');
    expect(csvField('Anna "Noek"')).toBe('"Anna ""Noek"""');
    expect(csvField('regel\nnog een')).toBe('"regel\nnog een"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(undefined)).toBe('');
    expect(csvField(5)).toBe('5');
  });

  it('has the documented header, one CRLF line per completed row, and no byte-order mark', () => {
    const csv = reportCsv([row(), row({ registration: 'r2', completed: false, completedOn: undefined }), row({ registration: 'r3', name: 'Bas', registrationNumber: undefined })]);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.split('\r\n')).toEqual([
      CSV_COLUMNS.join(','),
      '19012345601,BIG-register,Anna Jansen,https://introductie-pg.nl/xapi/course/introductie,2026.1,5,5,2026-11-02,2026-11-02,coaching',
      ',,Bas,https://introductie-pg.nl/xapi/course/introductie,2026.1,5,5,2026-11-02,2026-11-02,coaching',
      '',
    ]);
  });
});
