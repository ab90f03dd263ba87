/**
 * multipart/mixed statements (Communication 1.5.2): parsing crafted request bodies, checking the
 * parts against the attachments, and building the attachments=true response.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { boundaryOf, buildMultipartResponse, checkAttachments, parseMultipartStatements } from '../../../functions/core/xapi/multipart.js';
import { makeAttachment, makeStatement, makeSubStatement } from './fixtures.js';
import { validationErrorOf } from './helpers.js';

const BOUNDARY = '-------314159265358979323846';
const HEADER = `multipart/mixed; boundary=${BOUNDARY}`;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

const TEXT = Buffer.from('here is a simple attachment');
const BINARY = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface PartSpec {
  headers: string[];
  data: Buffer | string;
}

/** A body as RFC 2046 lays it out: CRLF, "--boundary" before each part, "--boundary--" at the end. */
function multipartBody(parts: PartSpec[], options: { boundary?: string; eol?: string; preamble?: string } = {}): Buffer {
  const boundary = options.boundary ?? BOUNDARY;
  const eol = options.eol ?? '\r\n';
  const chunks: Buffer[] = [Buffer.from(options.preamble ?? '')];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}${eol}${part.headers.map((h) => `${h}${eol}`).join('')}${eol}`), Buffer.from(part.data), Buffer.from(eol));
  }
  chunks.push(Buffer.from(`--${boundary}--${eol}`));
  return Buffer.concat(chunks);
}

const jsonPart = (json: unknown): PartSpec => ({ headers: ['Content-Type: application/json'], data: JSON.stringify(json) });
const dataPart = (data: Buffer, hash = sha256(data), contentType = 'text/plain'): PartSpec => ({
  headers: [`Content-Type: ${contentType}`, 'Content-Transfer-Encoding: binary', `X-Experience-API-Hash: ${hash}`],
  data,
});

const rawAttachment = (data: Buffer, overrides: Record<string, unknown> = {}) =>
  makeAttachment({ fileUrl: undefined, contentType: 'text/plain', length: data.length, sha2: sha256(data), ...overrides });

describe('parseMultipartStatements', () => {
  it('splits a good body into the statements JSON and byte-exact attachment parts', () => {
    const statement = makeStatement({ attachments: [rawAttachment(TEXT), rawAttachment(BINARY, { contentType: 'image/png' })] });
    const body = multipartBody([jsonPart(statement), dataPart(TEXT), dataPart(BINARY, sha256(BINARY), 'image/png')]);

    const { statementsJson, parts } = parseMultipartStatements(body, HEADER);

    expect(statementsJson).toEqual(statement);
    expect(parts).toEqual([
      { sha2: sha256(TEXT), contentType: 'text/plain', data: TEXT },
      { sha2: sha256(BINARY), contentType: 'image/png', data: BINARY },
    ]);
  });

  it('reads quoted boundaries, a preamble, headers without a space after the colon and a bare-LF body', () => {
    const statement = makeStatement({ attachments: [rawAttachment(TEXT)] });
    const boundary = "abcABC0123'()+_,-./:=?";
    const compact: PartSpec[] = [
      { headers: ['Content-Type:application/json'], data: JSON.stringify(statement) },
      { headers: ['Content-Type:text/plain', 'Content-Transfer-Encoding:binary', `X-Experience-API-Hash:${sha256(TEXT)}`], data: TEXT },
    ];
    for (const options of [{ boundary, preamble: '\r\n' }, { boundary, eol: '\n' }]) {
      const { statementsJson, parts } = parseMultipartStatements(multipartBody(compact, options), `multipart/mixed; boundary="${boundary}"`);
      expect(statementsJson).toEqual(statement);
      expect(parts.map((p) => p.data)).toEqual([TEXT]);
    }
  });

  it('accepts a part without Content-Transfer-Encoding, as binary (Communication 1.5.2.s3.b6)', () => {
    const body = multipartBody([jsonPart(makeStatement()), { headers: [`X-Experience-API-Hash: ${sha256(TEXT)}`], data: TEXT }]);
    expect(parseMultipartStatements(body, HEADER).parts).toEqual([{ sha2: sha256(TEXT), contentType: '', data: TEXT }]);
  });

  it('rejects a Content-Type without boundary, naming the parameter', () => {
    const error = validationErrorOf(() => parseMultipartStatements(multipartBody([jsonPart(makeStatement())]), 'multipart/mixed;'));
    expect(error.message).toMatch(/boundary parameter/);
    expect(error.issues).toEqual([{ path: 'headers.content-type', message: 'boundary missing' }]);
    expect(() => boundaryOf('multipart/mixed; charset=utf-8')).toThrow(/boundary/);
  });

  it('rejects a body that does not hold the declared boundary', () => {
    const body = multipartBody([jsonPart(makeStatement())], { boundary: 'other' });
    expect(validationErrorOf(() => parseMultipartStatements(body, HEADER)).message).toMatch(/holds no line "--/);
  });

  it('rejects a body without the closing delimiter', () => {
    const body = Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n{}\r\n`);
    expect(validationErrorOf(() => parseMultipartStatements(body, HEADER)).message).toMatch(/closing line/);
  });

  it('rejects a first part that is not application/json (the statements must come first)', () => {
    const statement = makeStatement({ attachments: [rawAttachment(TEXT)] });
    const body = multipartBody([dataPart(TEXT), jsonPart(statement)]);
    const error = validationErrorOf(() => parseMultipartStatements(body, HEADER));
    expect(error.message).toMatch(/first part .*application\/json.*"text\/plain"/);
  });

  it('rejects a body whose statements part runs into the attachment (no boundary before its headers)', () => {
    const statement = makeStatement({ attachments: [rawAttachment(TEXT)] });
    const glued = `${JSON.stringify(statement)}\r\nContent-Type: text/plain\r\nX-Experience-API-Hash: ${sha256(TEXT)}\r\n\r\n${TEXT.toString()}`;
    const body = multipartBody([{ headers: ['Content-Type: application/json'], data: glued }]);
    expect(validationErrorOf(() => parseMultipartStatements(body, HEADER)).message).toMatch(/not valid JSON/);
  });

  it('rejects an attachment part without X-Experience-API-Hash', () => {
    const body = multipartBody([jsonPart(makeStatement()), { headers: ['Content-Type: text/plain', 'Content-Transfer-Encoding: binary'], data: TEXT }]);
    const error = validationErrorOf(() => parseMultipartStatements(body, HEADER));
    expect(error.message).toMatch(/Part 2 has no X-Experience-API-Hash/);
    expect(error.issues[0]!.path).toBe('body.part[2].headers.x-experience-api-hash');
  });

  it('rejects an attachment part with a Content-Transfer-Encoding other than binary', () => {
    const part = dataPart(TEXT);
    part.headers[1] = 'Content-Transfer-Encoding: base64';
    const error = validationErrorOf(() => parseMultipartStatements(multipartBody([jsonPart(makeStatement()), part]), HEADER));
    expect(error.message).toMatch(/"base64".*binary/);
  });

  it('rejects a hash header that is no SHA-2 hex string', () => {
    const body = multipartBody([jsonPart(makeStatement()), dataPart(TEXT, 'not-a-hash')]);
    expect(validationErrorOf(() => parseMultipartStatements(body, HEADER)).message).toMatch(/not a hex SHA-2 hash/);
  });
});

describe('checkAttachments', () => {
  const part = (data: Buffer, sha2 = sha256(data), contentType = 'text/plain') => ({ sha2, contentType, data });

  it('returns one part per sha2 when every raw attachment has its part', () => {
    const statements = [
      makeStatement({ attachments: [rawAttachment(TEXT), makeAttachment()] }),
      makeStatement({ id: undefined, attachments: [rawAttachment(TEXT)] }),
    ];
    expect(checkAttachments(statements, [part(TEXT), part(TEXT)])).toEqual([part(TEXT)]);
  });

  it("fills in the attachment's contentType when the part has none", () => {
    const statements = [makeStatement({ attachments: [rawAttachment(TEXT, { contentType: 'text/plain; charset=ascii' })] })];
    expect(checkAttachments(statements, [part(TEXT, sha256(TEXT), '')])[0]!.contentType).toBe('text/plain; charset=ascii');
  });

  it('accepts statements whose attachments all have a fileUrl, without parts', () => {
    expect(checkAttachments([makeStatement({ attachments: [makeAttachment()] })], [])).toEqual([]);
  });

  it('accepts SHA-512 hashes', () => {
    const sha512 = createHash('sha512').update(TEXT).digest('hex');
    const statements = [makeStatement({ attachments: [rawAttachment(TEXT, { sha2: sha512 })] })];
    expect(checkAttachments(statements, [part(TEXT, sha512)])).toHaveLength(1);
  });

  it('rejects an excess part that belongs to no attachment', () => {
    const other = Buffer.from('a third file');
    const statements = [makeStatement({ attachments: [rawAttachment(TEXT)] })];
    const error = validationErrorOf(() => checkAttachments(statements, [part(TEXT), part(other)]));
    expect(error.message).toMatch(new RegExp(`Part 3 \\(X-Experience-API-Hash ${sha256(other)}\\) belongs to no attachment`));
  });

  it('rejects a raw attachment whose part is missing, naming where it sits and what to send', () => {
    const second = Buffer.from('second file');
    const statements = [makeStatement({ attachments: [rawAttachment(TEXT), rawAttachment(second)] })];
    const error = validationErrorOf(() => checkAttachments(statements, [part(TEXT)]));
    expect(error.message).toMatch(/statement\.attachments\[1\] has no fileUrl/);
    expect(error.message).toContain(sha256(second));
    expect(error.issues[0]!.path).toBe('statement.attachments[1].sha2');
  });

  it('rejects a raw attachment sent as application/json (no parts at all), in a SubStatement too', () => {
    const statements = [makeStatement(), makeStatement({ id: undefined, object: makeSubStatement({ attachments: [rawAttachment(TEXT)] }) })];
    const error = validationErrorOf(() => checkAttachments(statements, []));
    expect(error.message).toMatch(/statements\[1\]\.object\.attachments\[0\] has no fileUrl.*multipart\/mixed/);
  });

  it('rejects a part whose data does not match its hash header', () => {
    const statements = [makeStatement({ attachments: [rawAttachment(TEXT)] })];
    const error = validationErrorOf(() => checkAttachments(statements, [part(Buffer.from('tampered'), sha256(TEXT))]));
    expect(error.message).toMatch(/Part 2's data does not match its X-Experience-API-Hash/);
    expect(error.message).toContain(sha256('tampered'));
  });
});

describe('buildMultipartResponse', () => {
  it('round-trips through the parser: JSON first, then each attachment byte-exact with its headers', () => {
    const json = { statements: [makeStatement({ attachments: [rawAttachment(TEXT), rawAttachment(BINARY)] })], more: '' };
    const attachments = [part(TEXT), part(BINARY, 'image/png')];
    const { body, contentType } = buildMultipartResponse(json, attachments);

    expect(contentType).toMatch(/^multipart\/mixed; boundary=[\w-]+$/);
    const parsed = parseMultipartStatements(body, contentType);
    expect(parsed.statementsJson).toEqual(json);
    expect(parsed.parts).toEqual(attachments);
    const text = body.toString('latin1');
    expect(text.match(/Content-Transfer-Encoding: binary\r\n/g)).toHaveLength(2);
    expect(text.endsWith(`--${boundaryOf(contentType)}--\r\n`)).toBe(true);
  });

  it('builds a JSON-only body when there are no attachments', () => {
    const { body, contentType } = buildMultipartResponse({ statements: [], more: '' }, []);
    expect(parseMultipartStatements(body, contentType)).toEqual({ statementsJson: { statements: [], more: '' }, parts: [] });
  });

  function part(data: Buffer, contentType = 'text/plain') {
    return { sha2: sha256(data), contentType, data };
  }
});
