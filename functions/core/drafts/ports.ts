/**
 * Drafts: what a participant has typed but not yet submitted (reflections, reports, forms).
 * Private to the participant; saved as they type so nothing is lost on another device. (The
 * browser also keeps a copy, so a dropped connection or a reload loses nothing either.)
 */
export interface Draft {
  itemId: string;
  /** Whatever the form holds: field id → value. */
  content: Record<string, unknown>;
  savedAt: string;
}

export interface DraftStore {
  list(userId: string, courseId: string): Promise<Draft[]>;
  put(userId: string, courseId: string, draft: Draft): Promise<void>;
}
