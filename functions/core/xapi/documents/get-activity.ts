/** GET (and HEAD) /activities: the Activity Object with its canonical definition (Communication 2.5). */
import type { Activity } from '../statement-schema.js';
import { activityObject } from './activity-definitions.js';
import type { DocumentStore } from './document-store.js';

export const getActivity =
  (deps: { documents: DocumentStore }) =>
  async (activityId: string): Promise<Activity> =>
    activityObject(activityId, await deps.documents.activityDefinition(activityId));
