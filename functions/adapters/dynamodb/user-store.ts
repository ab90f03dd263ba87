/**
 * UserStore on the single table.
 *
 * | item           | pk                 | sk      | gsi1pk  | gsi1sk             |
 * |----------------|--------------------|---------|---------|--------------------|
 * | user           | `USER#<userId>`    | `USER`  | `USERS` | `<email lowercase>`|
 * | e-mail look-up | `EMAIL#<lowercase>`| `EMAIL` | -       | -                  |
 *
 * - getById: GetItem pk = USER#<userId>, sk = USER.
 * - getByEmail: GetItem pk = EMAIL#<lowercase>, sk = EMAIL, then getById. The look-up item (not
 *   gsi1) because a GSI is only eventually consistent: a just-created user must be able to sign in,
 *   and uniqueness can only be enforced on a primary key.
 * - list users (for a future admin screen): Query gsi1 where gsi1pk = USERS, ordered by e-mail.
 * - put: one TransactWriteItems writing the user, claiming the new e-mail and releasing the old
 *   one, so the e-mail index never points at the wrong person.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { UserRecord, UserStore } from '../../core/auth/ports.js';
import { ROLES, type Role } from '../../core/auth/principal.js';
import { ConflictError } from '../../core/errors.js';
import { GSI1 } from './table-definition.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';

const USER_SK = 'USER';
const EMAIL_SK = 'EMAIL';
const LIST_PARTITION = 'USERS';

export function userPk(userId: string): string {
  return `USER#${userId}`;
}

export function emailPk(email: string): string {
  return `EMAIL#${normalizeEmail(email)}`;
}

/** E-mail addresses are compared case-insensitively (in practice every provider does). */
function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const UserItem = z.object({
  userId: z.string().check(z.minLength(1)),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  passwordHash: z.optional(z.string()),
  createdAt: z.string(),
});

const EmailItem = z.object({ userId: z.string().check(z.minLength(1)) });

const KNOWN_ROLES = new Set<string>(ROLES);

function toRecord(item: Record<string, unknown>): UserRecord {
  const parsed = UserItem.safeParse(item);
  if (!parsed.success) throw new MalformedItemError(`user item ${String(item['pk'])}`, parsed.error);
  const data = parsed.data;
  return {
    userId: data.userId,
    email: data.email,
    name: data.name,
    // A role this version does not know grants nothing here.
    roles: data.roles.filter((role): role is Role => KNOWN_ROLES.has(role)),
    createdAt: data.createdAt,
    ...(data.passwordHash !== undefined ? { passwordHash: data.passwordHash } : {}),
  };
}

function toItem(record: UserRecord): Record<string, unknown> {
  return {
    pk: userPk(record.userId),
    sk: USER_SK,
    [GSI1.partitionKey]: LIST_PARTITION,
    [GSI1.sortKey]: normalizeEmail(record.email),
    type: 'User',
    userId: record.userId,
    email: record.email,
    name: record.name,
    roles: [...record.roles],
    createdAt: record.createdAt,
    ...(record.passwordHash !== undefined ? { passwordHash: record.passwordHash } : {}),
  };
}

/** Concurrent puts of the same user are retried this often before giving up with a ConflictError. */
const MAX_PUT_ATTEMPTS = 3;

type CancellationCode = string | undefined;

function cancellationCodes(error: TransactionCanceledException): CancellationCode[] {
  return (error.CancellationReasons ?? []).map((reason) => reason.Code);
}

export function createUserStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): UserStore {
  const { doc, tableName } = deps;

  async function getById(userId: string): Promise<UserRecord | undefined> {
    try {
      const result = await doc.send(
        new GetCommand({ TableName: tableName, Key: { pk: userPk(userId), sk: USER_SK }, ConsistentRead: true }),
      );
      return result.Item ? toRecord(result.Item) : undefined;
    } catch (error) {
      throw translateAuthStoreError(error, 'read a user');
    }
  }

  async function getByEmail(email: string): Promise<UserRecord | undefined> {
    let userId: string;
    try {
      const result = await doc.send(
        new GetCommand({ TableName: tableName, Key: { pk: emailPk(email), sk: EMAIL_SK }, ConsistentRead: true }),
      );
      if (!result.Item) return undefined;
      const parsed = EmailItem.safeParse(result.Item);
      if (!parsed.success) throw new MalformedItemError(`e-mail item ${emailPk(email)}`, parsed.error);
      userId = parsed.data.userId;
    } catch (error) {
      throw translateAuthStoreError(error, 'look up a user by e-mail');
    }
    const user = await getById(userId);
    // Guards against a look-up item left pointing at a user who since changed address.
    return user && normalizeEmail(user.email) === normalizeEmail(email) ? user : undefined;
  }

  /**
   * One attempt: the user item is written only if it still has the e-mail we read (or still does
   * not exist), so a concurrent change cannot leave a stale e-mail item behind.
   * Returns 'retry' when that optimistic check lost a race.
   */
  async function tryPut(record: UserRecord): Promise<'done' | 'retry'> {
    const existing = await getById(record.userId);
    const newEmail = normalizeEmail(record.email);
    const oldEmail = existing ? normalizeEmail(existing.email) : undefined;
    const releasesOldEmail = oldEmail !== undefined && oldEmail !== newEmail;

    const userPut = existing
      ? {
          ConditionExpression: '#email = :readEmail',
          ExpressionAttributeNames: { '#email': 'email' },
          ExpressionAttributeValues: { ':readEmail': existing.email },
        }
      : { ConditionExpression: 'attribute_not_exists(pk)' };

    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: toItem(record), ...userPut } },
            {
              Put: {
                TableName: tableName,
                Item: { pk: emailPk(newEmail), sk: EMAIL_SK, type: 'UserEmail', email: newEmail, userId: record.userId },
                ConditionExpression: 'attribute_not_exists(pk) OR userId = :userId',
                ExpressionAttributeValues: { ':userId': record.userId },
              },
            },
            ...(releasesOldEmail
              ? [
                  {
                    Delete: {
                      TableName: tableName,
                      Key: { pk: emailPk(oldEmail), sk: EMAIL_SK },
                      ConditionExpression: 'attribute_not_exists(pk) OR userId = :userId',
                      ExpressionAttributeValues: { ':userId': record.userId },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return 'done';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [userCode, emailCode, releaseCode] = cancellationCodes(error);
        if (emailCode === 'ConditionalCheckFailed') {
          throw new ConflictError(
            `The e-mail address ${record.email} is already used by another user. Use another address, or change that user instead.`,
            { cause: error },
          );
        }
        const lostRace = [userCode, releaseCode].some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict');
        if (lostRace || emailCode === 'TransactionConflict') return 'retry';
      }
      throw translateAuthStoreError(error, 'store a user');
    }
  }

  return {
    getById,
    getByEmail,
    async put(record) {
      for (let attempt = 0; attempt < MAX_PUT_ATTEMPTS; attempt++) {
        if ((await tryPut(record)) === 'done') return;
      }
      throw new ConflictError(`User ${record.userId} was being changed by another request at the same time. Try again.`);
    },
  };
}
