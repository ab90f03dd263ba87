/**
 * Storing statements (PUT and POST) together with the attachment data sent with them: checks the
 * data against the attachments the statements declare and verifies the signatures of signed
 * statements (signed-statements.ts), stores the data, then the statements.
 * Data first, so a stored statement never lacks its attachment; if storing the statements then
 * fails, the data stays behind unreferenced, which is harmless (it is content-addressed, and a
 * retry writes the same item again).
 */
import type { AuthorityAgent } from '../auth/principal.js';
import type { AttachmentContent, AttachmentStore } from './attachment-store.js';
import { checkAttachments } from './multipart.js';
import { verifySignedStatements } from './signed-statements.js';
import type { Statement } from './statement-schema.js';
import { storeStatements, type StoreStatementsDeps } from './store-statements.js';
import type { XapiVersion } from './version.js';

export interface StoreStatementsWithAttachmentsDeps extends StoreStatementsDeps {
  attachments: AttachmentStore;
}

export interface StoreStatementsWithAttachmentsInput {
  statements: readonly Statement[];
  authority: AuthorityAgent;
  /** The parts of a multipart/mixed request after the first; none for application/json. */
  parts: readonly AttachmentContent[];
  /** The request's xAPI version: what a statement without a version gets, UTC timestamps in 2.0. */
  xapiVersion: XapiVersion;
}

export const storeStatementsWithAttachments =
  (deps: StoreStatementsWithAttachmentsDeps) =>
  async (input: StoreStatementsWithAttachmentsInput): Promise<string[]> => {
    const data = checkAttachments(input.statements, input.parts);
    await verifySignedStatements(input.statements, input.parts);
    if (data.length > 0) await deps.attachments.put(data);
    return storeStatements(deps)({ statements: input.statements, authority: input.authority, xapiVersion: input.xapiVersion });
  };
