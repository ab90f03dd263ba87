/**
 * The document services on an in-memory store: what PUT, POST and DELETE write, and when they
 * refuse with 400, 409, 412 or 413 without changing anything.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, PayloadTooLargeError, PreconditionFailedError, ValidationError } from '../../../functions/core/errors.js';
import type { DocumentContent, DocumentKey } from '../../../functions/core/xapi/documents/document-store.js';
import { deleteDocument, deleteDocuments } from '../../../functions/core/xapi/documents/delete-document.js';
import { getActivity } from '../../../functions/core/xapi/documents/get-activity.js';
import { getDocument } from '../../../functions/core/xapi/documents/get-document.js';
import { MAX_DOCUMENT_BYTES } from '../../../functions/core/xapi/documents/limits.js';
import { listDocumentIds } from '../../../functions/core/xapi/documents/list-document-ids.js';
import { postDocument } from '../../../functions/core/xapi/documents/post-document.js';
import { etagOf } from '../../../functions/core/xapi/documents/preconditions.js';
import { putDocument } from '../../../functions/core/xapi/documents/put-document.js';
import { createMemoryDocumentStore, type MemoryDocumentStore } from '../../support/memory-document-store.js';

const ACTIVITY = 'https://introductie-pg.nl/xapi/activities/werkmoment-1';
const AGENT = 'mbox:mailto:carla@voorbeeld.nl';
const stateSet = { resource: 'state' as const, activityId: ACTIVITY, agent: AGENT };
const stateKey = (overrides: Partial<Extract<DocumentKey, { resource: 'state' }>> = {}): DocumentKey => ({
  resource: 'state',
  activityId: ACTIVITY,
  agent: AGENT,
  registration: null,
  id: 'bookmark',
  ...overrides,
});
const profileKey = (id = 'settings'): DocumentKey => ({ resource: 'activityProfile', activityId: ACTIVITY, id });
const json = (value: unknown): DocumentContent => ({ contentType: 'application/json', content: Buffer.from(JSON.stringify(value)) });
const text = (value: string, contentType = 'text/plain'): DocumentContent => ({ contentType, content: Buffer.from(value) });

let store: MemoryDocumentStore;
let clock: number;
const deps = () => ({ documents: store, now: () => new Date(clock++) });
const read = async (key: DocumentKey) => {
  const document = await getDocument(deps())(key);
  return JSON.parse(Buffer.from(document.content).toString()) as unknown;
};

beforeEach(() => {
  store = createMemoryDocumentStore();
  clock = Date.parse('2024-05-01T12:00:00.000Z');
});

describe('PUT', () => {
  it('state: stores without concurrency headers and overwrites, with the ETag of the bytes', async () => {
    await putDocument(deps())({ key: stateKey(), body: text('one'), preconditions: {} });
    await putDocument(deps())({ key: stateKey(), body: text('two'), preconditions: {} });
    const stored = await getDocument(deps())(stateKey());
    expect(Buffer.from(stored.content).toString()).toBe('two');
    expect(stored).toMatchObject({ contentType: 'text/plain', etag: etagOf(Buffer.from('two')), updated: '2024-05-01T12:00:00.001Z' });
  });

  it('state under xAPI 2.0: without headers it creates, but replacing is a 409', async () => {
    await putDocument(deps())({ key: stateKey(), body: text('one'), preconditions: {}, xapiVersion: '2.0.0' });
    await expect(putDocument(deps())({ key: stateKey(), body: text('two'), preconditions: {}, xapiVersion: '2.0.0' })).rejects.toBeInstanceOf(ConflictError);
    expect(Buffer.from((await getDocument(deps())(stateKey())).content).toString()).toBe('one');
  });

  it('profiles: without If-Match / If-None-Match, 400 when nothing is stored and 409 when something is; nothing changes', async () => {
    await expect(putDocument(deps())({ key: profileKey(), body: json({ a: 1 }), preconditions: {} })).rejects.toBeInstanceOf(ValidationError);
    expect(store.documents.size).toBe(0);
    await putDocument(deps())({ key: profileKey(), body: json({ a: 1 }), preconditions: { ifNoneMatch: '*' } });
    const conflict = putDocument(deps())({ key: profileKey(), body: json({ a: 2 }), preconditions: {} });
    await expect(conflict).rejects.toBeInstanceOf(ConflictError);
    await expect(conflict).rejects.toThrow(/If-Match/);
    expect(await read(profileKey())).toEqual({ a: 1 });
  });

  it('If-Match with the current ETag replaces; a stale one is 412 and changes nothing', async () => {
    await putDocument(deps())({ key: profileKey(), body: json({ a: 1 }), preconditions: { ifNoneMatch: '*' } });
    const first = (await getDocument(deps())(profileKey())).etag;
    await putDocument(deps())({ key: profileKey(), body: json({ a: 2 }), preconditions: { ifMatch: [first] } });
    await expect(putDocument(deps())({ key: profileKey(), body: json({ a: 3 }), preconditions: { ifMatch: [first] } })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await read(profileKey())).toEqual({ a: 2 });
  });

  it('If-None-Match: * onto an existing document is 412', async () => {
    await putDocument(deps())({ key: stateKey(), body: json({ a: 1 }), preconditions: {} });
    await expect(putDocument(deps())({ key: stateKey(), body: json({ a: 2 }), preconditions: { ifNoneMatch: '*' } })).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('413 above the limit, before anything is written', async () => {
    const body = { contentType: 'application/octet-stream', content: new Uint8Array(MAX_DOCUMENT_BYTES + 1) };
    await expect(putDocument(deps())({ key: stateKey(), body, preconditions: {} })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(store.documents.size).toBe(0);
  });
});

describe('POST', () => {
  it('stores when nothing is there, merges JSON Objects when something is', async () => {
    await postDocument(deps())({ key: stateKey(), body: json({ car: 'Honda' }), preconditions: {} });
    await postDocument(deps())({ key: stateKey(), body: json({ type: 'Civic' }), preconditions: {} });
    expect(await read(stateKey())).toEqual({ car: 'Honda', type: 'Civic' });
  });

  it('stores a non-JSON document when nothing is there, then refuses to merge into it (400, unchanged)', async () => {
    await postDocument(deps())({ key: stateKey(), body: text('/ asdf', 'application/octet-stream'), preconditions: {} });
    await expect(postDocument(deps())({ key: stateKey(), body: json({ a: 1 }), preconditions: {} })).rejects.toBeInstanceOf(ValidationError);
    expect(Buffer.from((await getDocument(deps())(stateKey())).content).toString()).toBe('/ asdf');
  });

  it('merges again when another writer got in between, losing nothing', async () => {
    await postDocument(deps())({ key: stateKey(), body: json({ a: 1 }), preconditions: {} });
    let interfered = false;
    store.beforePut = () => {
      if (interfered) return;
      interfered = true;
      const current = store.documents.get(JSON.stringify(stateKey()))!;
      const content = Buffer.from(JSON.stringify({ a: 1, b: 2 }));
      store.documents.set(JSON.stringify(stateKey()), { ...current, document: { ...current.document, content, etag: etagOf(content) } });
    };
    await postDocument(deps())({ key: stateKey(), body: json({ c: 3 }), preconditions: {} });
    expect(await read(stateKey())).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('gives up with 409 when the document keeps changing', async () => {
    await postDocument(deps())({ key: stateKey(), body: json({ a: 1 }), preconditions: {} });
    let n = 0;
    store.beforePut = () => {
      const current = store.documents.get(JSON.stringify(stateKey()))!;
      const content = Buffer.from(JSON.stringify({ a: 1, n: n++ }));
      store.documents.set(JSON.stringify(stateKey()), { ...current, document: { ...current.document, content, etag: etagOf(content) } });
    };
    await expect(postDocument(deps())({ key: stateKey(), body: json({ c: 3 }), preconditions: {} })).rejects.toBeInstanceOf(ConflictError);
  });

  it('honours If-Match and If-None-Match', async () => {
    await expect(postDocument(deps())({ key: stateKey(), body: json({ a: 1 }), preconditions: { ifMatch: '*' } })).rejects.toBeInstanceOf(PreconditionFailedError);
    await postDocument(deps())({ key: stateKey(), body: json({ a: 1 }), preconditions: { ifNoneMatch: '*' } });
    await expect(postDocument(deps())({ key: stateKey(), body: json({ b: 1 }), preconditions: { ifNoneMatch: '*' } })).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(postDocument(deps())({ key: stateKey(), body: json({ b: 1 }), preconditions: { ifMatch: ['0000'] } })).rejects.toBeInstanceOf(PreconditionFailedError);
    const { etag } = await getDocument(deps())(stateKey());
    await postDocument(deps())({ key: stateKey(), body: json({ b: 1 }), preconditions: { ifMatch: [etag] } });
    expect(await read(stateKey())).toEqual({ a: 1, b: 1 });
  });

  it('413 when the merged document would be too large', async () => {
    await postDocument(deps())({ key: stateKey(), body: json({ a: 'x'.repeat(MAX_DOCUMENT_BYTES - 100) }), preconditions: {} });
    await expect(postDocument(deps())({ key: stateKey(), body: json({ b: 'y'.repeat(200) }), preconditions: {} })).rejects.toThrow(/merged document/);
  });
});

describe('GET, list and DELETE', () => {
  it('404 for a document that is not there', async () => {
    await expect(getDocument(deps())(stateKey())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists ids since a time (exclusive), with the latest update; every registration unless one is given', async () => {
    const registration = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7';
    await putDocument(deps())({ key: stateKey({ id: 'a' }), body: text('a'), preconditions: {} });
    await putDocument(deps())({ key: stateKey({ id: 'b', registration }), body: text('b'), preconditions: {} });
    await putDocument(deps())({ key: stateKey({ id: 'c' }), body: text('c'), preconditions: {} });
    const set = stateSet;
    expect((await listDocumentIds(deps())({ set })).ids.sort()).toEqual(['a', 'b', 'c']);
    expect((await listDocumentIds(deps())({ set: { ...set, registration } })).ids).toEqual(['b']);
    const since = await listDocumentIds(deps())({ set, since: '2024-05-01T12:00:00.000Z' });
    expect(since.ids.sort()).toEqual(['b', 'c']);
    expect(since.lastModified).toBe('2024-05-01T12:00:00.002Z');
    expect(await listDocumentIds(deps())({ set, since: '2024-05-01T13:00:00.000Z' })).toEqual({ ids: [] });
  });

  it('DELETE: If-Match must hold; deleting nothing is fine; delete-all respects the registration', async () => {
    const registration = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7';
    await putDocument(deps())({ key: stateKey(), body: text('a'), preconditions: {} });
    await expect(deleteDocument(deps())({ key: stateKey(), preconditions: { ifMatch: ['0000'] } })).rejects.toBeInstanceOf(PreconditionFailedError);
    await deleteDocument(deps())({ key: stateKey(), preconditions: { ifMatch: [etagOf(Buffer.from('a'))] } });
    await deleteDocument(deps())({ key: stateKey(), preconditions: {} });
    expect(store.documents.size).toBe(0);

    await putDocument(deps())({ key: stateKey({ id: 'x' }), body: text('x'), preconditions: {} });
    await putDocument(deps())({ key: stateKey({ id: 'y', registration }), body: text('y'), preconditions: {} });
    const set = stateSet;
    await deleteDocuments(deps())({ set: { ...set, registration } });
    expect((await listDocumentIds(deps())({ set })).ids).toEqual(['x']);
  });

  it('the Activity Object carries the stored definition, or only the id', async () => {
    store.definitions.set('http://a.nl/known', { name: { 'nl-NL': 'Bekend' } });
    expect(await getActivity(deps())('http://a.nl/known')).toEqual({ objectType: 'Activity', id: 'http://a.nl/known', definition: { name: { 'nl-NL': 'Bekend' } } });
    expect(await getActivity(deps())('http://a.nl/unknown')).toEqual({ objectType: 'Activity', id: 'http://a.nl/unknown' });
  });
});
