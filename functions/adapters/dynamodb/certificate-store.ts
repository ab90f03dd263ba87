/**
 * CertificateStore on the single table.
 *
 * | item             | pk                           | sk            |
 * |------------------|------------------------------|---------------|
 * | certificate      | `CERTIFICATE#<id>`           | `CERTIFICATE` |
 * | enrolment's link | `REGISTRATION#<registration>`| `CERTIFICATE` |
 *
 * Both are written in one transaction, each only if absent, so an enrolment never gets two
 * certificates. Verification reads the certificate by id (GetItem); the download reads the link.
 * The certificate also carries `gsi1pk = COMPLETIONS#<courseId>`, `gsi1sk = <completedOn>#<registration>`:
 * the accreditation report's completions of a course by date (adapters/dynamodb/completion-index.ts).
 */
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { Certificate, CertificateStore } from '../../core/certificate/ports.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';
import { GSI1 } from './table-definition.js';

/** The completions index: a course's certificates in gsi1, sorted by completion date. */
export const completionsPartition = (courseId: string) => `COMPLETIONS#${courseId}`;

export const CertificateItem = z.object({
  certificateId: z.string().check(z.minLength(1)),
  registration: z.string().check(z.minLength(1)),
  userId: z.string().check(z.minLength(1)),
  courseId: z.string().check(z.minLength(1)),
  participantName: z.string(),
  courseTitle: z.string(),
  courseVersion: z.string(),
  studyHours: z.number(),
  accreditationPoints: z.number(),
  completedOn: z.string(),
  coachName: z.string(),
  issuedAt: z.string(),
  erasedAt: z.optional(z.string()),
  contactMoment: z.optional(z.object({ date: z.string(), form: z.string() })),
});
const LinkItem = z.object({ certificateId: z.string().check(z.minLength(1)) });

export const certificateKey = (certificateId: string) => ({ pk: `CERTIFICATE#${certificateId}`, sk: 'CERTIFICATE' });
export const certificateLinkKey = (registration: string) => ({ pk: `REGISTRATION#${registration.toLowerCase()}`, sk: 'CERTIFICATE' });

export function createCertificateStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): CertificateStore {
  const { doc, tableName } = deps;

  async function getItem(key: { pk: string; sk: string }, action: string): Promise<Record<string, unknown> | undefined> {
    try {
      return (await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
    } catch (error) {
      throw translateAuthStoreError(error, action);
    }
  }

  async function get(certificateId: string): Promise<Certificate | undefined> {
    const item = await getItem(certificateKey(certificateId), 'read a certificate');
    if (!item) return undefined;
    const parsed = CertificateItem.safeParse(item);
    if (!parsed.success) throw new MalformedItemError(`certificate ${certificateId}`, parsed.error);
    return parsed.data;
  }

  async function getByRegistration(registration: string): Promise<Certificate | undefined> {
    const item = await getItem(certificateLinkKey(registration), 'read a certificate link');
    if (!item) return undefined;
    const parsed = LinkItem.safeParse(item);
    if (!parsed.success) throw new MalformedItemError(`certificate link of ${registration}`, parsed.error);
    return get(parsed.data.certificateId);
  }

  return {
    get,
    getByRegistration,
    async createOrGet(certificate) {
      const registration = certificate.registration.toLowerCase();
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...certificateKey(certificate.certificateId),
                    type: 'Certificate',
                    ...certificate,
                    registration,
                    [GSI1.partitionKey]: completionsPartition(certificate.courseId),
                    [GSI1.sortKey]: `${certificate.completedOn}#${registration}`,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...certificateLinkKey(registration), type: 'CertificateLink', certificateId: certificate.certificateId },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return { ...certificate, registration };
      } catch (error) {
        if (error instanceof Error && error.name === 'TransactionCanceledException') {
          const existing = await getByRegistration(registration);
          if (existing) return existing;
        }
        throw translateAuthStoreError(error, 'store a certificate');
      }
    },
  };
}
