/** How a document is named in messages to the client. */
import type { DocumentKey, DocumentSet } from './document-store.js';

const RESOURCE_NAMES = { state: 'state', activityProfile: 'activity profile', agentProfile: 'agent profile' } as const;
const ID_PARAMS = { state: 'stateId', activityProfile: 'profileId', agentProfile: 'profileId' } as const;

export function documentLabel(key: DocumentKey): string {
  const context =
    key.resource === 'state'
      ? ` for this activityId and agent${key.registration ? ' and registration' : ' without registration'}`
      : key.resource === 'activityProfile'
        ? ' for this activityId'
        : ' for this agent';
  return `${RESOURCE_NAMES[key.resource]} document with ${ID_PARAMS[key.resource]} ${JSON.stringify(key.id)}${context}`;
}

export function resourceName(resource: DocumentKey['resource'] | DocumentSet['resource']): string {
  return RESOURCE_NAMES[resource];
}
