/**
 * Demo data for the local runtime: an admin, two coaches, three participants, an accreditation
 * body and one xAPI client with the `all` scope; the participants assigned to the coaches and a
 * few slots to book (seed-contact-moment.ts). Idempotent: users have fixed ids and are
 * replaced; the demo client keeps its key and gets the given (or a fresh) secret on every start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createClientStore } from '../adapters/dynamodb/client-store.js';
import { createUserStore } from '../adapters/dynamodb/user-store.js';
import { hashSecret } from '../core/auth/password-hash.js';
import { createXapiClient } from '../core/auth/services.js';
import type { Role } from '../core/auth/principal.js';
import { ValidationError } from '../core/errors.js';
import { LocalStartupError } from './startup-error.js';
import { seedContactMomentDemo } from './seed-contact-moment.js';

export const DEMO_PASSWORD = 'welkom-bij-pg';
const DEMO_CLIENT_KEY = 'demo-lrs-client';

const DEMO_USERS: ReadonlyArray<{ userId: string; email: string; name: string; roles: Role[] }> = [
  { userId: 'demo-admin', email: 'beheer@voorbeeld.nl', name: 'Bea Beheer', roles: ['admin'] },
  { userId: 'demo-coach-anna', email: 'anna.coach@voorbeeld.nl', name: 'Anna de Coach', roles: ['coach'] },
  { userId: 'demo-coach-bram', email: 'bram.coach@voorbeeld.nl', name: 'Bram de Coach', roles: ['coach'] },
  { userId: 'demo-participant-carla', email: 'carla@voorbeeld.nl', name: 'Carla Jansen', roles: ['participant'] },
  { userId: 'demo-participant-daan', email: 'daan@voorbeeld.nl', name: 'Daan de Vries', roles: ['participant'] },
  { userId: 'demo-participant-eva', email: 'eva@voorbeeld.nl', name: 'Eva Bakker', roles: ['participant'] },
  { userId: 'demo-accreditor', email: 'register@voorbeeld.nl', name: 'Kwaliteitsregister (demo)', roles: ['accreditor'] },
];

export interface DemoCredentials {
  password: string;
  users: ReadonlyArray<{ email: string; name: string; roles: Role[] }>;
  lrsKey: string;
  lrsSecret: string;
}

export interface SeedOptions {
  endpoint: string;
  tableName: string;
  lrsKey?: string;
  lrsSecret?: string;
  now?: () => Date;
}

export async function seedDemoData(opts: SeedOptions): Promise<DemoCredentials> {
  const client = new DynamoDBClient({
    endpoint: opts.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const now = opts.now ?? (() => new Date());
  try {
    const users = createUserStore({ doc, tableName: opts.tableName });
    const passwordHash = await hashSecret(DEMO_PASSWORD);
    for (const user of DEMO_USERS) {
      const existing = await users.getById(user.userId);
      await users.put({ ...user, passwordHash, createdAt: existing?.createdAt ?? now().toISOString() });
    }
    const clients = createClientStore({ doc, tableName: opts.tableName });
    const { key, secret } = await createXapiClient({ clients, now })({
      name: 'Demo xAPI-client',
      scopes: ['all'],
      key: opts.lrsKey ?? DEMO_CLIENT_KEY,
      ...(opts.lrsSecret ? { secret: opts.lrsSecret } : {}),
    }).catch((error: unknown) => {
      if (!(error instanceof ValidationError)) throw error;
      const problems = error.issues.map((i) => `${i.path === 'key' ? 'LRS_DEMO_KEY' : 'LRS_DEMO_SECRET'}: ${i.message}`).join('; ');
      throw new LocalStartupError(`${problems || error.message} Fix the variable, or unset it to use the default.`, { cause: error });
    });
    // --- contact moment demo: participants assigned to coaches, a few slots (seed-contact-moment.ts)
    await seedContactMomentDemo({ doc, tableName: opts.tableName, now, authorityHomePage: process.env.LRS_AUTHORITY_HOMEPAGE ?? 'https://introductie-pg.nl/xapi-clients' });
    return { password: DEMO_PASSWORD, users: DEMO_USERS, lrsKey: key, lrsSecret: secret };
  } finally {
    client.destroy();
  }
}

export function formatDemoCredentials(credentials: DemoCredentials, baseUrl: string): string {
  const width = Math.max(...credentials.users.map((u) => u.email.length));
  const lines = [
    'Demo accounts (password for all: ' + credentials.password + '):',
    ...credentials.users.map((u) => `  ${u.email.padEnd(width)}  ${u.roles.join(', ').padEnd(12)}  ${u.name}`),
    '',
    `xAPI endpoint: ${baseUrl}/xapi`,
    `  key (Basic user):     ${credentials.lrsKey}`,
    `  secret (Basic pass):  ${credentials.lrsSecret}`,
    `  scope:                all`,
  ];
  return lines.join('\n');
}
