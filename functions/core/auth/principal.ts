/**
 * Who is calling. xAPI clients authenticate with HTTP Basic (key/secret); people with a JWT.
 */
export const XAPI_SCOPES = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'all/read',
  'all',
  'state',
  'define',
  'profile',
] as const;
export type XapiScope = (typeof XAPI_SCOPES)[number];

export const ROLES = ['participant', 'coach', 'admin', 'accreditor'] as const;
export type Role = (typeof ROLES)[number];

/** The xAPI Agent used as authority for statements a client stores. */
export interface AuthorityAgent {
  objectType: 'Agent';
  name?: string;
  account: { homePage: string; name: string };
}

export interface ClientPrincipal {
  kind: 'client';
  key: string;
  name: string;
  scopes: XapiScope[];
  authority: AuthorityAgent;
  /**
   * Set for an accreditation body's client: it reads only the accreditation-relevant statements of
   * these courses (functions/core/accreditation/statement-access.ts) and no other xAPI resource.
   */
  accreditation?: { courseIds: string[] };
}

export interface PersonPrincipal {
  kind: 'person';
  userId: string;
  email: string;
  name: string;
  roles: Role[];
}

export type Principal = ClientPrincipal | PersonPrincipal;
