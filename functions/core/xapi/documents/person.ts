/**
 * The Person Object of the Agents resource (Communication 2.4): every property an array. This LRS
 * links no identities, so the Person holds what the request's Agent says about itself: its name (if
 * given) and its one identifier (2.4.s3.b3).
 */
import type { Account, Agent } from '../statement-schema.js';

export interface Person {
  objectType: 'Person';
  name?: string[];
  mbox?: string[];
  mbox_sha1sum?: string[];
  openid?: string[];
  account?: Account[];
}

export function personOf(agent: Agent): Person {
  return {
    objectType: 'Person',
    ...(agent.name !== undefined ? { name: [agent.name] } : {}),
    ...(agent.mbox !== undefined ? { mbox: [agent.mbox] } : {}),
    ...(agent.mbox_sha1sum !== undefined ? { mbox_sha1sum: [agent.mbox_sha1sum] } : {}),
    ...(agent.openid !== undefined ? { openid: [agent.openid] } : {}),
    ...(agent.account !== undefined ? { account: [agent.account] } : {}),
  };
}
