/**
 * Statement attachments end to end: multipart/mixed through the local server (which hands the
 * body over base64-encoded, as API Gateway does), the real handlers and DynamoDB Local, and back
 * out with attachments=true, byte for byte.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp, XAPI_HEADERS, type LocalApp } from '../support/local-app.js';
import { parseMultipartStatements } from '../../functions/core/xapi/multipart.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(() => app?.close());

const BOUNDARY = 'b0undary-4f1c2d';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** Bytes that trip up text handling: NUL, CR LF, dashes, invalid UTF-8. */
const awkwardBytes = () => Buffer.concat([Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xfe, 0xc3]), randomBytes(2048), Buffer.from('\r\n--')]);

const makeStatement = (attachments: Buffer[], overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', mbox: 'mailto:carla@voorbeeld.nl' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'nl-NL': 'heeft afgerond' } },
  object: { objectType: 'Activity', id: 'https://introductie-pg.nl/xapi/activities/certificaat' },
  attachments: attachments.map((data) => ({
    usageType: 'http://id.tincanapi.com/attachment/certificate-of-completion',
    display: { 'nl-NL': 'Certificaat' },
    contentType: 'application/pdf',
    length: data.length,
    sha2: sha256(data),
  })),
  ...overrides,
});

function multipartBody(json: unknown, attachments: Buffer[]): Buffer {
  const chunks: Buffer[] = [Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`)];
  for (const data of attachments) {
    chunks.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha256(data)}\r\n\r\n`),
      data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

async function send(method: string, path: string, body: Buffer | string, contentType: string) {
  const response = await app.fetch(path, {
    method,
    headers: { 'x-experience-api-version': '1.0.3', 'content-type': contentType, authorization: app.basicAuth },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, text: await response.text() };
}

const postMultipart = (json: unknown, attachments: Buffer[], parts = attachments) =>
  send('POST', '/xapi/statements', multipartBody(json, parts), `multipart/mixed; boundary=${BOUNDARY}`);

async function get(query: string, method = 'GET') {
  const response = await app.fetch(`/xapi/statements?${query}`, { method, headers: { ...XAPI_HEADERS, authorization: app.basicAuth } });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
}

describe('storing statements with attachment data', () => {
  it('POST multipart/mixed stores the statement; GET attachments=true gives the data back byte-exact', async () => {
    const data = awkwardBytes();
    const statement = makeStatement([data]);
    const posted = await postMultipart(statement, [data]);
    expect(posted.status).toBe(200);
    expect(JSON.parse(posted.text)).toEqual([statement.id]);

    const answer = await get(`statementId=${statement.id}&attachments=true`);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^multipart\/mixed; boundary=[^;"]+$/);
    const { statementsJson, parts } = parseMultipartStatements(answer.body, answer.contentType);
    expect(statementsJson).toMatchObject({ id: statement.id, attachments: statement.attachments });
    expect(parts).toHaveLength(1);
    expect(parts[0]!.sha2).toBe(sha256(data));
    expect(parts[0]!.contentType).toBe('application/pdf');
    expect(parts[0]!.data.equals(data)).toBe(true);
    expect(answer.body.toString('latin1')).toContain(`Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha256(data)}\r\n`);
  });

  it('PUT multipart/mixed stores one statement with its data; the same data twice in a batch is stored once', async () => {
    const data = awkwardBytes();
    const statement = makeStatement([data, data]);
    const { id, ...withoutId } = statement;
    expect((await send('PUT', `/xapi/statements?statementId=${id}`, multipartBody(withoutId, [data]), `multipart/mixed; boundary=${BOUNDARY}`)).status).toBe(204);

    const answer = await get(`statementId=${id}&attachments=true`);
    const { parts } = parseMultipartStatements(answer.body, answer.contentType);
    expect(parts.map((part) => part.data.equals(data))).toEqual([true]);
  });

  it('GET of a list with attachments=true answers a multipart StatementResult; attachments=false stays JSON', async () => {
    const [first, second] = [awkwardBytes(), awkwardBytes()];
    const registration = randomUUID();
    const context = { registration };
    expect((await postMultipart([makeStatement([first], { context }), makeStatement([second], { context })], [first, second])).status).toBe(200);

    const answer = await get(`registration=${registration}&attachments=true`);
    expect(answer.status).toBe(200);
    const { statementsJson, parts } = parseMultipartStatements(answer.body, answer.contentType);
    expect((statementsJson as { statements: unknown[] }).statements).toHaveLength(2);
    expect(new Set(parts.map((part) => part.sha2))).toEqual(new Set([sha256(first), sha256(second)]));
    for (const part of parts) expect(part.data.equals(part.sha2 === sha256(first) ? first : second)).toBe(true);

    const plain = await get(`registration=${registration}&attachments=false`);
    expect(plain.contentType).toMatch(/^application\/json/);
    expect((JSON.parse(plain.body.toString('utf8')) as { statements: unknown[] }).statements).toHaveLength(2);

    const head = await get(`registration=${registration}&attachments=true`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.contentType).toMatch(/^multipart\/mixed/);
    expect(head.body.length).toBe(0);
  });

  it('statements whose attachments only have a fileUrl still go as application/json', async () => {
    const statement = makeStatement([], {
      attachments: [{ usageType: 'http://example.com/usage', display: { en: 'x' }, contentType: 'text/plain', length: 3, sha2: sha256(Buffer.from('abc')), fileUrl: 'https://files.example.nl/abc.txt' }],
    });
    expect((await send('POST', '/xapi/statements', JSON.stringify(statement), 'application/json')).status).toBe(200);
    // With attachments=true there is no data to add: the JSON part only.
    const answer = await get(`statementId=${statement.id}&attachments=true`);
    expect(parseMultipartStatements(answer.body, answer.contentType).parts).toEqual([]);
  });
});

describe('rejecting', () => {
  it('a raw attachment sent as application/json: 400 naming the attachment; nothing stored', async () => {
    const data = awkwardBytes();
    const statement = makeStatement([data]);
    const response = await send('POST', '/xapi/statements', JSON.stringify(statement), 'application/json');
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/statement\.attachments\[0\] has no fileUrl/);
    expect((await get(`statementId=${statement.id}`)).status).toBe(404);
  });

  it('multipart/form-data and other content types: 400 (XAPI-00127), not 415', async () => {
    const data = awkwardBytes();
    const statement = makeStatement([data]);
    const response = await send('POST', '/xapi/statements', multipartBody(statement, [data]), `multipart/form-data; boundary=${BOUNDARY}`);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/application\/json, or as multipart\/mixed/);
    expect((await send('PUT', `/xapi/statements?statementId=${statement.id}`, 'x', 'text/plain')).status).toBe(400);
  });

  it('a missing part, an excess part and a hash mismatch: 400 each, and the statement is not stored', async () => {
    const [first, second] = [awkwardBytes(), awkwardBytes()];
    const missing = makeStatement([first, second]);
    expect((await postMultipart(missing, [first, second], [first])).status).toBe(400);
    const excess = makeStatement([first]);
    expect((await postMultipart(excess, [first], [first, second])).status).toBe(400);
    const mismatch = makeStatement([first]);
    const body = multipartBody(mismatch, [first]);
    const lastDataByte = body.length - `\r\n--${BOUNDARY}--\r\n`.length - 1;
    body[lastDataByte] = body[lastDataByte]! ^ 0xff;
    const response = await send('POST', '/xapi/statements', body, `multipart/mixed; boundary=${BOUNDARY}`);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/does not match its X-Experience-API-Hash/);
    for (const statement of [missing, excess, mismatch]) expect((await get(`statementId=${statement.id}`)).status).toBe(404);
  });

  it('an attachment over the store limit: 413 saying the limit', async () => {
    const data = randomBytes(360 * 1024);
    const statement = makeStatement([data]);
    const response = await postMultipart(statement, [data]);
    expect(response.status).toBe(413);
    expect(response.text).toMatch(/at most 350 KB/);
    expect((await get(`statementId=${statement.id}`)).status).toBe(404);
  });
});
