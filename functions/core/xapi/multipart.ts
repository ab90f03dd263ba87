/**
 * Statements with attachment data travel as multipart/mixed (Communication 1.5.2, RFC 2046): the
 * first part holds the statement(s) as application/json, every further part holds the raw bytes of
 * one attachment, named by its SHA-2 in an X-Experience-API-Hash header. Pure: bytes in, values
 * out; every mistake a client can make is a ValidationError that says what to fix.
 *
 * - parseMultipartStatements: a request body into the statements JSON and the attachment parts.
 * - checkAttachments: the parts against the attachments the statements declare.
 * - buildMultipartResponse: a GET answer with attachments=true.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ValidationError } from '../errors.js';
import type { AttachmentContent } from './attachment-store.js';

export interface MultipartStatements {
  /** The parsed JSON of the first part: a statement or an array of statements, not yet validated. */
  statementsJson: unknown;
  /** The parts after the first, in order; sha2 lowercase, contentType '' when the part has none. */
  parts: AttachmentContent[];
}

/** The same hash lengths the statement schema accepts for sha2. */
const HASH_BY_HEX_LENGTH: Readonly<Record<number, string>> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };
const SHA2_HEX = /^(?:[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');
const DASHES = Buffer.from('--');
const EMPTY = Buffer.alloc(0);

function reject(message: string, path: string, problem: string): never {
  throw new ValidationError(message, { issues: [{ path, message: problem }] });
}

// ---------------------------------------------------------------------------------------------
// Parsing a request
// ---------------------------------------------------------------------------------------------

export function parseMultipartStatements(body: Buffer, contentTypeHeader: string): MultipartStatements {
  const boundary = boundaryOf(contentTypeHeader);
  const [first, ...rest] = splitParts(body, boundary);
  const firstType = first!.headers.get('content-type');
  if (mediaType(firstType) !== 'application/json') {
    reject(
      `The first part of a multipart/mixed request must hold the statement(s) with "Content-Type: application/json" ` +
        `(it has ${firstType === undefined ? 'no Content-Type' : `"${firstType}"`}). Put the statements first and the attachment data in the parts after it.`,
      'body.part[1].headers.content-type',
      'must be application/json',
    );
  }
  let statementsJson: unknown;
  try {
    statementsJson = JSON.parse(first!.data.toString('utf8'));
  } catch (error) {
    throw new ValidationError(
      `The first part of the multipart/mixed request is not valid JSON (${(error as Error).message}). ` +
        `It must hold only the statement(s); each attachment goes in a part of its own, after a "--${boundary}" line.`,
      { cause: error, issues: [{ path: 'body.part[1]', message: 'invalid JSON' }] },
    );
  }
  return { statementsJson, parts: rest.map((part, index) => attachmentPart(part, index + 2)) };
}

/** The boundary parameter of a multipart Content-Type header, quoted or not. */
export function boundaryOf(contentTypeHeader: string): string {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentTypeHeader);
  const boundary = match?.[1] ?? match?.[2] ?? '';
  if (boundary === '') {
    reject(
      'The Content-Type multipart/mixed needs a boundary parameter, e.g. "multipart/mixed; boundary=abc123", ' +
        'and each part of the body must then start with the line "--abc123".',
      'headers.content-type',
      'boundary missing',
    );
  }
  return boundary;
}

interface RawPart {
  /** Lowercase header names. */
  headers: Map<string, string>;
  data: Buffer;
}

/**
 * The body parts between the first delimiter line and the closing one (preamble and epilogue are
 * ignored, as RFC 2046 says). Lines end in CRLF; a body whose first delimiter line ends in a bare
 * LF is read with LF throughout, as some clients write it.
 */
function splitParts(body: Buffer, boundary: string): RawPart[] {
  const dashBoundary = Buffer.from(`--${boundary}`, 'utf8');
  const first = firstDelimiter(body, dashBoundary);
  if (first < 0) {
    reject(
      `The body holds no line "--${boundary}", the boundary the Content-Type header declares. ` +
        `Start every part with that line and end the body with "--${boundary}--".`,
      'body',
      'boundary not found',
    );
  }
  const afterFirst = first + dashBoundary.length;
  if (hasAt(body, afterFirst, DASHES)) reject('The multipart/mixed body holds no parts; the first part must hold the statement(s) as application/json.', 'body', 'no parts');
  const eol = lineEndAt(body, skipPadding(body, afterFirst));
  if (!eol) reject(`The line "--${boundary}" must be followed by a line break (CRLF) and the part's headers.`, 'body', 'malformed delimiter');

  const delimiter = Buffer.concat([eol, dashBoundary]);
  const parts: RawPart[] = [];
  let cursor = skipPadding(body, afterFirst) + eol.length;
  for (;;) {
    const next = body.indexOf(delimiter, cursor);
    if (next < 0) {
      reject(`The multipart/mixed body does not end with the closing line "--${boundary}--"; add it after the last part.`, 'body', 'closing delimiter missing');
    }
    parts.push(parsePart(body.subarray(cursor, next), eol, parts.length + 1));
    const after = next + delimiter.length;
    if (hasAt(body, after, DASHES)) return parts;
    const padded = skipPadding(body, after);
    if (!hasAt(body, padded, eol)) {
      reject(
        `Part ${parts.length} is followed by a line that starts with "--${boundary}" but is no delimiter. ` +
          'The boundary must not occur in the data of any part; choose another boundary.',
        `body.part[${parts.length}]`,
        'boundary inside data',
      );
    }
    cursor = padded + eol.length;
  }
}

/** The first "--boundary" at the start of a line (the body's first line included). */
function firstDelimiter(body: Buffer, dashBoundary: Buffer): number {
  for (let at = body.indexOf(dashBoundary); at >= 0; at = body.indexOf(dashBoundary, at + 1)) {
    if (at === 0 || body[at - 1] === LF) return at;
  }
  return -1;
}

function parsePart(content: Buffer, eol: Buffer, number: number): RawPart {
  let headerBlock: Buffer;
  let data: Buffer;
  if (hasAt(content, 0, eol)) {
    // No headers at all: the blank line comes first.
    headerBlock = EMPTY;
    data = content.subarray(eol.length);
  } else {
    const blank = content.indexOf(Buffer.concat([eol, eol]));
    headerBlock = blank < 0 ? content : content.subarray(0, blank);
    data = blank < 0 ? EMPTY : content.subarray(blank + 2 * eol.length);
  }
  return { headers: parseHeaders(headerBlock.toString('utf8'), eol.toString('latin1'), number), data };
}

function parseHeaders(block: string, eol: string, number: number): Map<string, string> {
  const headers = new Map<string, string>();
  const lines: string[] = [];
  for (const line of block.split(eol)) {
    // A line starting with white space continues the previous header (RFC 5322 folding).
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += ` ${line.trim()}`;
    else if (line !== '') lines.push(line);
  }
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 1) {
      reject(
        `Part ${number} has a header line without "Name: value" ("${line.slice(0, 60)}"). Leave one empty line between a part's headers and its data.`,
        `body.part[${number}].headers`,
        'malformed header',
      );
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function attachmentPart(part: RawPart, number: number): AttachmentContent {
  const hash = part.headers.get('x-experience-api-hash');
  if (hash === undefined || hash === '') {
    reject(
      `Part ${number} has no X-Experience-API-Hash header. Every part after the first needs one, holding the SHA-2 (hex) of ` +
        "the part's data, equal to the sha2 of the attachment it belongs to.",
      `body.part[${number}].headers.x-experience-api-hash`,
      'required',
    );
  }
  if (!SHA2_HEX.test(hash)) {
    reject(
      `Part ${number}'s X-Experience-API-Hash "${hash}" is not a hex SHA-2 hash (56, 64, 96 or 128 hex digits for SHA-224, -256, -384, -512).`,
      `body.part[${number}].headers.x-experience-api-hash`,
      'not a SHA-2 hash',
    );
  }
  // Communication 1.5.2 wants "binary" and says an LRS should assume it when the header is absent;
  // any other encoding would make the bytes we store differ from the attachment's.
  const encoding = part.headers.get('content-transfer-encoding');
  if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
    reject(
      `Part ${number} has Content-Transfer-Encoding "${encoding}". Send attachment data as raw bytes with "Content-Transfer-Encoding: binary".`,
      `body.part[${number}].headers.content-transfer-encoding`,
      'must be binary',
    );
  }
  return { sha2: hash.toLowerCase(), contentType: part.headers.get('content-type') ?? '', data: part.data };
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function skipPadding(body: Buffer, at: number): number {
  let position = at;
  while (body[position] === 0x20 || body[position] === 0x09) position++;
  return position;
}

function lineEndAt(body: Buffer, at: number): Buffer | undefined {
  if (hasAt(body, at, CRLF)) return CRLF;
  if (body[at] === LF) return Buffer.from([LF]);
  return undefined;
}

function hasAt(body: Buffer, at: number, bytes: Buffer): boolean {
  return at + bytes.length <= body.length && body.compare(bytes, 0, bytes.length, at, at + bytes.length) === 0;
}

// ---------------------------------------------------------------------------------------------
// Checking the parts against the statements
// ---------------------------------------------------------------------------------------------

export interface DeclaredAttachment {
  /** Where the attachment sits, e.g. "statements[1].attachments[0]". */
  path: string;
  /** As written in the statement. */
  sha2: string;
  contentType: string;
  fileUrl?: string;
}

/** The attachments statements declare, a SubStatement's included; tolerant of any JSON shape. */
export function declaredAttachments(statements: readonly unknown[]): DeclaredAttachment[] {
  const found: DeclaredAttachment[] = [];
  const collect = (statement: unknown, path: string): void => {
    if (!isObject(statement)) return;
    if (Array.isArray(statement.attachments)) {
      statement.attachments.forEach((attachment: unknown, index) => {
        if (!isObject(attachment) || typeof attachment.sha2 !== 'string') return;
        found.push({
          path: `${path}.attachments[${index}]`,
          sha2: attachment.sha2,
          contentType: typeof attachment.contentType === 'string' ? attachment.contentType : '',
          ...(typeof attachment.fileUrl === 'string' ? { fileUrl: attachment.fileUrl } : {}),
        });
      });
    }
    if (isObject(statement.object) && statement.object.objectType === 'SubStatement') collect(statement.object, `${path}.object`);
  };
  statements.forEach((statement, index) => collect(statement, statements.length === 1 ? 'statement' : `statements[${index}]`));
  return found;
}

/**
 * Every part must carry the data its hash header names and belong to an attachment of the
 * statements; every attachment without a fileUrl must have its part (Communication 1.5.2.s3.b5).
 * With no parts (an application/json request) this demands a fileUrl on every attachment.
 * Returns the attachment data to store: one per sha2, with the attachment's contentType when the
 * part had none.
 */
export function checkAttachments(statements: readonly unknown[], parts: readonly AttachmentContent[]): AttachmentContent[] {
  const declared = declaredAttachments(statements);
  const bySha2 = new Map<string, DeclaredAttachment>();
  for (const attachment of declared) if (!bySha2.has(attachment.sha2.toLowerCase())) bySha2.set(attachment.sha2.toLowerCase(), attachment);

  const toStore = new Map<string, AttachmentContent>();
  parts.forEach((part, index) => {
    const number = index + 2;
    const sha2 = part.sha2.toLowerCase();
    const actual = digestHex(sha2, part.data);
    if (actual !== sha2) {
      reject(
        `Part ${number}'s data does not match its X-Experience-API-Hash ${part.sha2} (the ${part.data.length} bytes hash to ${actual}). ` +
          "Send the attachment's raw bytes unchanged, with the SHA-2 of exactly those bytes in the header and in the attachment's sha2.",
        `body.part[${number}].headers.x-experience-api-hash`,
        'does not match the data',
      );
    }
    const attachment = bySha2.get(sha2);
    if (!attachment) {
      reject(
        `Part ${number} (X-Experience-API-Hash ${part.sha2}) belongs to no attachment of the statements. ` +
          'Remove the part, or declare an attachment with that sha2 in the statements.',
        `body.part[${number}]`,
        'no attachment has this sha2',
      );
    }
    if (!toStore.has(sha2)) toStore.set(sha2, { sha2, contentType: part.contentType || attachment.contentType, data: part.data });
  });

  const missing = declared.find((attachment) => attachment.fileUrl === undefined && !toStore.has(attachment.sha2.toLowerCase()));
  if (missing) {
    reject(
      `${missing.path} has no fileUrl, so its data must come with the statements: send them as multipart/mixed with a part ` +
        `whose X-Experience-API-Hash header is ${missing.sha2} and whose data are the attachment's bytes, or give the attachment a fileUrl.`,
      `${missing.path}.sha2`,
      'no part carries this attachment',
    );
  }
  return [...toStore.values()];
}

function digestHex(sha2: string, data: Buffer): string {
  const algorithm = HASH_BY_HEX_LENGTH[sha2.length];
  // The parser only lets SHA-2 lengths through; anything else is a bug in the caller.
  if (!algorithm) throw new Error(`checkAttachments got sha2 "${sha2}", which has no SHA-2 length.`);
  return createHash(algorithm).update(data).digest('hex');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Building a response
// ---------------------------------------------------------------------------------------------

/**
 * The multipart/mixed answer to GET /xapi/statements?attachments=true: the JSON (a statement or
 * a StatementResult) first, then one part per attachment, each with its Content-Type,
 * Content-Transfer-Encoding: binary and X-Experience-API-Hash. The boundary is random and checked
 * not to occur in any part.
 */
export function buildMultipartResponse(json: unknown, attachments: readonly AttachmentContent[]): { body: Buffer; contentType: string } {
  const jsonBytes = Buffer.from(JSON.stringify(json), 'utf8');
  let boundary = newBoundary();
  while ([jsonBytes, ...attachments.map((a) => a.data)].some((data) => data.includes(boundary))) boundary = newBoundary();

  const head = (headers: string[]): Buffer => Buffer.from(`--${boundary}\r\n${headers.map((line) => `${line}\r\n`).join('')}\r\n`, 'utf8');
  const chunks: Buffer[] = [head(['Content-Type: application/json']), jsonBytes, CRLF];
  for (const attachment of attachments) {
    chunks.push(
      head([
        `Content-Type: ${oneLine(attachment.contentType) || 'application/octet-stream'}`,
        'Content-Transfer-Encoding: binary',
        `X-Experience-API-Hash: ${attachment.sha2}`,
      ]),
      attachment.data,
      CRLF,
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  // No quotes and one space: clients (the ADL suite among them) split this header naively.
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}

function newBoundary(): string {
  return `xapi-${randomBytes(18).toString('hex')}`;
}

/** A header value must stay on its line, whatever a statement's contentType holds. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}
