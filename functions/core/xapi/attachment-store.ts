/**
 * The storage port for attachment data (the raw bytes sent in the parts of a multipart/mixed
 * statement request). Content-addressed: the key is the SHA-2 of the bytes, so storing the same
 * data twice is a no-op and one copy serves every statement that declares that sha2. The adapter
 * lives in functions/adapters/dynamodb/attachment-store.ts.
 */

/** One attachment's data. `sha2` is lowercase hex (SHA-224, -256, -384 or -512 of `data`). */
export interface AttachmentContent {
  sha2: string;
  contentType: string;
  data: Buffer;
}

export interface StoredAttachment {
  contentType: string;
  data: Buffer;
}

export interface AttachmentStore {
  /**
   * Stores every attachment or throws; safe to repeat. Throws PayloadTooLargeError (before writing
   * anything) when one is larger than the store can hold.
   */
  put(attachments: readonly AttachmentContent[]): Promise<void>;
  /** The stored attachments among these sha2s (any case), keyed by lowercase sha2; unknown ones absent. */
  getMany(sha2s: readonly string[]): Promise<Map<string, StoredAttachment>>;
}
