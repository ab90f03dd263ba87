/**
 * The attachment data of statements being read with attachments=true: one entry per distinct
 * sha2, in the order the statements declare them. Attachments the LRS holds no data for (those
 * that came with only a fileUrl) are left out, as the client can fetch them from there.
 */
import type { AttachmentContent, AttachmentStore } from './attachment-store.js';
import { declaredAttachments } from './multipart.js';

export const loadAttachments =
  (deps: { attachments: AttachmentStore }) =>
  async (statements: readonly unknown[]): Promise<AttachmentContent[]> => {
    // Spelled as the statement spells it, so the part's hash header matches its sha2 exactly.
    const spellings = new Map<string, string>();
    for (const { sha2 } of declaredAttachments(statements)) if (!spellings.has(sha2.toLowerCase())) spellings.set(sha2.toLowerCase(), sha2);
    if (spellings.size === 0) return [];
    const stored = await deps.attachments.getMany([...spellings.keys()]);
    return [...spellings].flatMap(([key, sha2]) => {
      const found = stored.get(key);
      return found ? [{ sha2, contentType: found.contentType, data: found.data }] : [];
    });
  };
