/**
 * Agent identity. Two Agents or identified Groups are the same when they use the same Inverse
 * Functional Identifier with the same value (Communication 2.1.3, "agent" parameter), so an IFI
 * turned into one canonical string is the key for indexes, filters and ownership checks.
 */
import * as z from 'zod/mini';
import '../zod-locale.js';
import { AgentOrIdentifiedGroup, parseWith, type Agent, type Group } from './statement-schema.js';

/** The identifying part of an Agent or Group; other properties (name, member) do not matter. */
export interface Identifiable {
  mbox?: string | undefined;
  mbox_sha1sum?: string | undefined;
  openid?: string | undefined;
  account?: { homePage: string; name: string } | undefined;
}

/**
 * The canonical IFI string, e.g. `mbox:mailto:a@b.nl`, `mbox_sha1sum:<hex>`, `openid:<uri>` or
 * `account:<homePage>|<name>`; undefined for an anonymous Group. The domain of an email address
 * and the hex of a hash are case-insensitive (Data 2.3.1.b7, 2.4.2.3.s4), so they are lowercased.
 */
export function agentKey(agentOrGroup: Identifiable): string | undefined {
  const { mbox, mbox_sha1sum, openid, account } = agentOrGroup;
  if (mbox !== undefined) return `mbox:${normalizeMbox(mbox)}`;
  if (mbox_sha1sum !== undefined) return `mbox_sha1sum:${mbox_sha1sum.toLowerCase()}`;
  if (openid !== undefined) return `openid:${openid}`;
  // "|" cannot occur in an IRI, so it separates homePage from name unambiguously.
  if (account !== undefined) return `account:${account.homePage}|${account.name}`;
  return undefined;
}

/** `mailto:Ann@Example.NL` → `mailto:Ann@example.nl`: only the domain is case-insensitive. */
export function normalizeMbox(mbox: string): string {
  const at = mbox.lastIndexOf('@');
  return at === -1 ? mbox : mbox.slice(0, at) + mbox.slice(at).toLowerCase();
}

/** The `agent` query parameter as a schema: JSON text of an Agent or identified Group. */
export const AgentParam = z.pipe(z.pipe(z.string(), z.transform((json, payload): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    // zod/mini's transform context has no addIssue; this is the issue classic zod's addIssue made.
    payload.issues.push({ code: 'custom', message: 'is not valid JSON; send an Agent or identified Group, e.g. {"mbox":"mailto:ann@example.com"}', input: json });
    return z.NEVER;
  }
})), AgentOrIdentifiedGroup);

/**
 * The `agent` query parameter: JSON of an Agent or identified Group. Anything else is a 400 whose
 * issues point into `path` (default `query.agent`).
 */
export function parseAgentParam(json: string, path = 'query.agent'): Agent | Group {
  return parseWith(AgentParam, json, path);
}
