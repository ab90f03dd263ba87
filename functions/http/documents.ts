/**
 * The HTTP side of the document resources (State, Activity Profile, Agent Profile): reading the
 * document and the If-Match / If-None-Match headers from the request, and the operations each
 * route's handler runs (parse the parameters, call one service operation, map the result).
 *
 * Bodies are bytes: API Gateway hands over anything but text and JSON base64-encoded, and a
 * document goes back base64-encoded whatever its type, so it arrives byte-exact.
 */
import { ValidationError } from '../core/errors.js';
import { deleteDocument, deleteDocuments } from '../core/xapi/documents/delete-document.js';
import { parseDocumentParams, type DocumentMethod, type DocumentTarget } from '../core/xapi/documents/document-params.js';
import type { DocumentContent, DocumentKey, DocumentResource, DocumentStore, StoredDocument } from '../core/xapi/documents/document-store.js';
import { getDocument } from '../core/xapi/documents/get-document.js';
import { listDocumentIds } from '../core/xapi/documents/list-document-ids.js';
import { postDocument } from '../core/xapi/documents/post-document.js';
import { parsePreconditions, quoteEtag, type Preconditions } from '../core/xapi/documents/preconditions.js';
import { putDocument } from '../core/xapi/documents/put-document.js';
import { header, queryParams, type HttpEvent } from './request.js';
import { json, noContent, type HttpResult } from './response.js';
import type { Operation } from './route-handler.js';
import { documentStore, now } from '../composition/stores.js';

/** What a document without a Content-Type is stored as. */
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export function documentBody(event: HttpEvent): DocumentContent {
  const contentType = header(event, 'content-type')?.trim() || DEFAULT_CONTENT_TYPE;
  const content = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  return { contentType, content };
}

export function requestPreconditions(event: HttpEvent): Preconditions {
  return parsePreconditions({ ifMatch: header(event, 'if-match'), ifNoneMatch: header(event, 'if-none-match') });
}

export function documentResponse(document: StoredDocument): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': document.contentType,
      etag: quoteEtag(document.etag),
      'last-modified': new Date(document.updated).toUTCString(),
    },
    body: Buffer.from(document.content).toString('base64'),
    isBase64Encoded: true,
  };
}

function target(resource: DocumentResource, method: DocumentMethod, event: HttpEvent): DocumentTarget {
  return parseDocumentParams(resource, method, queryParams(event));
}

/** PUT and POST always name one document (the parameters' parser requires the id). */
function oneKey(documentTarget: DocumentTarget): DocumentKey {
  if (documentTarget.kind !== 'one') throw new ValidationError('This request needs the id of one document.');
  return documentTarget.key;
}

export interface DocumentDeps {
  documents: DocumentStore;
  now: () => Date;
}

/** The document routes' `deps` (route-handler.ts). */
export function documentDeps(): DocumentDeps {
  return { documents: documentStore(), now };
}

export function getDocumentOperation(resource: DocumentResource): Operation<DocumentDeps> {
  return async (event, { deps }) => {
    const request = target(resource, 'GET', event);
    if (request.kind === 'one') return documentResponse(await getDocument(deps)(request.key));
    const list = await listDocumentIds(deps)({ set: request.set, since: request.since });
    return json(200, list.ids, list.lastModified ? { 'last-modified': new Date(list.lastModified).toUTCString() } : {});
  };
}

export function putDocumentOperation(resource: DocumentResource): Operation<DocumentDeps> {
  return async (event, { deps, xapiVersion }) => {
    const key = oneKey(target(resource, 'PUT', event));
    await putDocument(deps)({ key, body: documentBody(event), preconditions: requestPreconditions(event), xapiVersion });
    return noContent();
  };
}

export function postDocumentOperation(resource: DocumentResource): Operation<DocumentDeps> {
  return async (event, { deps }) => {
    const key = oneKey(target(resource, 'POST', event));
    await postDocument(deps)({ key, body: documentBody(event), preconditions: requestPreconditions(event) });
    return noContent();
  };
}

export function deleteDocumentOperation(resource: DocumentResource): Operation<DocumentDeps> {
  return async (event, { deps }) => {
    const request = target(resource, 'DELETE', event);
    if (request.kind === 'one') await deleteDocument(deps)({ key: request.key, preconditions: requestPreconditions(event) });
    else await deleteDocuments(deps)({ set: request.set });
    return noContent();
  };
}
