/** Storage ports for credentials and people. Adapters: functions/adapters/dynamodb/. */
import type { Role, XapiScope } from './principal.js';

export interface XapiClientRecord {
  /** The public half of the Basic credentials (the "username"). */
  key: string;
  /** scrypt hash of the secret, see password-hash.ts; the secret itself is never stored. */
  secretHash: string;
  name: string;
  scopes: XapiScope[];
  /** An accreditation body's client: only accreditation-relevant statements of these course IRIs. */
  accreditation?: { courseIds: string[] };
  createdAt: string;
  revokedAt?: string;
}

export interface ClientStore {
  getByKey(key: string): Promise<XapiClientRecord | undefined>;
  /** Creates or replaces the record with this key. */
  put(record: XapiClientRecord): Promise<void>;
  list(): Promise<XapiClientRecord[]>;
}

export interface UserRecord {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  /** Local runtime only: scrypt hash of the password. In AWS, Cognito holds passwords. */
  passwordHash?: string;
  createdAt: string;
}

export interface UserStore {
  getById(userId: string): Promise<UserRecord | undefined>;
  getByEmail(email: string): Promise<UserRecord | undefined>;
  /** Creates or replaces the user (and its e-mail look-up) in one transaction. */
  put(record: UserRecord): Promise<void>;
}
