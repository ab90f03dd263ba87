import { createHash, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CompactSign } from 'jose';
import { ValidationError } from '../../../functions/core/errors.js';
import type { AttachmentContent } from '../../../functions/core/xapi/attachment-store.js';
import { verifySignedStatements } from '../../../functions/core/xapi/signed-statements.js';
import { parseStatements, type Statement } from '../../../functions/core/xapi/statement-schema.js';
import { signingKey, signStatement, withSignature, type SigningKey } from '../../support/signed-statements.js';
import { makeAttachment, makeStatement } from './fixtures.js';

let key: SigningKey;
let otherKey: SigningKey;
beforeAll(() => {
  key = signingKey();
  otherKey = signingKey(2048, 'someone else');
});

const certificateAttachment = () => makeAttachment({ usageType: 'http://id.tincanapi.com/attachment/certificate-of-completion' });

const part = (jws: string): AttachmentContent => {
  const data = Buffer.from(jws);
  return { sha2: createHash('sha256').update(data).digest('hex'), contentType: 'application/octet-stream', data };
};

/** The statement as a client sends it (signature attachment added, validated) and its signature part. */
function sent(original: Record<string, unknown>, jws: string, contentType?: string): { statements: Statement[]; parts: AttachmentContent[] } {
  return { statements: parseStatements(withSignature(original, jws, contentType)).statements, parts: [part(jws)] };
}

async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('verifySignedStatements', () => {
  it.each(['RS256', 'RS384', 'RS512'] as const)('accepts a statement signed with %s, with and without x5c', async (alg) => {
    const statement = makeStatement();
    for (const x5c of [undefined, [key.certificate]]) {
      const jws = await signStatement(statement, key.privateKey, { alg, ...(x5c ? { x5c } : {}) });
      const { statements, parts } = sent(statement, jws);
      await expect(verifySignedStatements(statements, parts)).resolves.toBeUndefined();
    }
  });

  it('lets statements without a signature through, and their other attachments are no business of it', async () => {
    await expect(verifySignedStatements(parseStatements(makeStatement({ attachments: [certificateAttachment()] })).statements, [])).resolves.toBeUndefined();
  });

  it('ignores what the LRS may change or the spec leaves out of the comparison', async () => {
    const original = makeStatement({ attachments: [certificateAttachment()], result: { duration: 'PT1.12S' } });
    const jws = await signStatement(original, key.privateKey);
    // Other attachments, the verb's display and a longer duration (beyond 0.01 s) are not compared.
    const changed = { ...original, attachments: [], verb: { id: (original.verb as { id: string }).id }, result: { duration: 'PT1.1234S' } };
    const { statements, parts } = sent(changed, jws);
    await expect(verifySignedStatements(statements, parts)).resolves.toBeUndefined();
  });

  it('rejects a payload that is not the statement, naming the statement', async () => {
    const original = makeStatement();
    const jws = await signStatement(original, key.privateKey);
    const { statements, parts } = sent(makeStatement({ result: { success: false } }), jws);
    const error = await rejection(verifySignedStatements(statements, parts));
    expect(error.message).toMatch(/payload is not this statement/);
    expect(error.issues[0]!.path).toBe('statement.attachments[0]');
  });

  it('rejects a tampered payload even when the statement matches it, if the x5c key does not verify', async () => {
    const statement = makeStatement();
    const jws = await signStatement(statement, key.privateKey, { x5c: [key.certificate] });
    const [header, , signature] = jws.split('.');
    const tampered = makeStatement({ result: { success: true } });
    const forged = `${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${signature}`;
    const { statements, parts } = sent(tampered, forged);
    expect((await rejection(verifySignedStatements(statements, parts))).message).toMatch(/does not verify with the public key/);
  });

  it('rejects a signature made with another key than the certificate in x5c', async () => {
    const statement = makeStatement();
    const jws = await signStatement(statement, otherKey.privateKey, { x5c: [key.certificate] });
    const { statements, parts } = sent(statement, jws);
    expect((await rejection(verifySignedStatements(statements, parts))).message).toMatch(/does not verify/);
  });

  it('rejects algorithms other than RS256, RS384 and RS512', async () => {
    const statement = makeStatement();
    const hs256 = await new CompactSign(Buffer.from(JSON.stringify(statement))).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(7));
    const { statements, parts } = sent(statement, hs256);
    const error = await rejection(verifySignedStatements(statements, parts));
    expect(error.message).toMatch(/alg "HS256"/);
    const ps256 = await signStatement(statement, key.privateKey, { alg: 'PS256' as 'RS256' });
    expect((await rejection(verifySignedStatements(sent(statement, ps256).statements, sent(statement, ps256).parts))).message).toMatch(/alg "PS256"/);
  });

  it('rejects a payload that is not JSON, and data that is no JWS', async () => {
    const statement = makeStatement();
    const header = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
    const notJson = `${header}.${Buffer.from("{'id': 1}").toString('base64url')}.c2ln`;
    expect((await rejection(verifySignedStatements(sent(statement, notJson).statements, sent(statement, notJson).parts))).message).toMatch(/not valid JSON/);
    const garbage = 'this is not a signature';
    expect((await rejection(verifySignedStatements(sent(statement, garbage).statements, sent(statement, garbage).parts))).message).toMatch(/compact serialization/);
  });

  it('rejects a signature attachment whose contentType is not application/octet-stream', async () => {
    const statement = makeStatement();
    const jws = await signStatement(statement, key.privateKey);
    const { statements, parts } = sent(statement, jws, 'text/plain; charset=ascii');
    const error = await rejection(verifySignedStatements(statements, parts));
    expect(error.issues[0]!.path).toBe('statement.attachments[0].contentType');
  });

  it('rejects a signature attachment whose data did not come with the request', async () => {
    const statement = makeStatement();
    const jws = await signStatement(statement, key.privateKey);
    const { statements } = sent(statement, jws);
    expect((await rejection(verifySignedStatements(statements, []))).message).toMatch(/JWS must come with the statement/);
  });

  it('rejects an x5c that is no certificate, and a key shorter than 2048 bits (RFC 7518 3.3)', async () => {
    const statement = makeStatement();
    const bad = await signStatement(statement, key.privateKey, { x5c: ['bm90IGEgY2VydA=='] });
    expect((await rejection(verifySignedStatements(sent(statement, bad).statements, sent(statement, bad).parts))).issues[0]!.path).toMatch(/x5c$/);
    // jose will not sign with a short key either: sign by hand (RS256 is RSASSA-PKCS1-v1_5 with SHA-256).
    const weak = signingKey(1024);
    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${base64url({ alg: 'RS256', x5c: [weak.certificate] })}.${base64url(statement)}`;
    const short = `${signingInput}.${sign('sha256', Buffer.from(signingInput), weak.privateKey).toString('base64url')}`;
    expect((await rejection(verifySignedStatements(sent(statement, short).statements, sent(statement, short).parts))).message).toMatch(/2048/);
  });

  it('names the statement in a batch', async () => {
    const good = makeStatement({ id: '0f5c0a4e-1111-4c2e-ab83-44982ef22df0' });
    const bad = makeStatement({ id: '0f5c0a4e-2222-4c2e-ab83-44982ef22df0' });
    const goodJws = await signStatement(good, key.privateKey);
    const badJws = await signStatement(makeStatement({ id: bad.id, result: { success: true } }), key.privateKey);
    const { statements } = parseStatements([withSignature(good, goodJws), withSignature(bad, badJws)]);
    const error = await rejection(verifySignedStatements(statements, [part(goodJws), part(badJws)]));
    expect(error.issues[0]!.path).toBe('statements[1].attachments[0]');
  });
});
