/**
 * The items of the readiness store and their mapping (used by readiness-store.ts):
 *
 * | item      | pk                        | sk          | gsi1pk                              | gsi1sk                                    |
 * |-----------|---------------------------|-------------|-------------------------------------|-------------------------------------------|
 * | summary   | `READINESS#<registration>`| `READINESS` | `COACH#<coachId>` / `COACH#unassigned` | `<status>#<participant name, lower case>#<registration>` |
 * | state     | `READINESS#<registration>`| `STATE`     | -                                   | -                                         |
 *
 * The record is split in two because gsi1 projects ALL attributes: the progress state (several
 * KB of study-time detail) stays out of the index, so a coach's list reads about a kilobyte per
 * participant, not the whole fold. Both items carry the version and are written in one
 * transaction, so a reader always sees a matching pair.
 */
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import type { ProgressState } from '../../core/progress/progress.js';
import type { AppliedStatements, ReadinessRecord, ReadinessStatus } from '../../core/readiness/ports.js';
import { GSI1 } from './table-definition.js';
import { MalformedItemError } from './auth-store-errors.js';

export const SUMMARY_SK = 'READINESS';
export const STATE_SK = 'STATE';
const UNASSIGNED = 'unassigned';

export type Item = Record<string, unknown>;
export type Summary = Omit<ReadinessRecord, 'state' | 'applied'>;

export const readinessPk = (registration: string) => `READINESS#${registration.toLowerCase()}`;
export const coachPartition = (coachId: string | null) => `COACH#${coachId ?? UNASSIGNED}`;
export const coachSortKey = (status: ReadinessStatus, participantName: string, registration: string) =>
  `${status}#${participantName.toLocaleLowerCase('nl-NL')}#${registration.toLowerCase()}`;

const Status = z.enum(['in_progress', 'ready', 'scheduled', 'completed']);

const Booking = z.object({
  kind: z.enum(['slot', 'contact-request']),
  form: z.enum(['coaching', 'inspiratiesessie']),
  slotId: z.nullable(z.string()),
  startsAt: z.nullable(z.string()),
  bookedAt: z.string(),
});

const SummaryItem = z.object({
  registration: z.string().check(z.minLength(1)),
  userId: z.string().check(z.minLength(1)),
  courseId: z.string().check(z.minLength(1)),
  coachId: z.optional(z.string().check(z.minLength(1))),
  participantName: z.string(),
  booking: z.optional(Booking),
  status: Status,
  creditedMinutes: z.number(),
  outcomesMet: z.number().check(z.int()),
  gateOpen: z.boolean(),
  missing: z.array(z.string()),
  updatedAt: z.string(),
  version: z.number().check(z.int(), z.positive()),
});

const nullableNumber = z.nullable(z.number());
const Interval = z.tuple([z.number(), z.number()]);

/** ProgressState as progress.ts defines it; the check below keeps the two in step. */
const ProgressStateJson = z.object({
  registration: z.nullable(z.string()),
  studyTime: z.object({
    version: z.literal(1),
    registration: z.nullable(z.string()),
    creditedMs: z.record(z.string(), z.number()),
    assignments: z.record(z.string(), z.object({ statementId: z.string(), receivedAt: z.number() })),
    recent: z.array(Interval),
    sessions: z.array(z.object({ id: z.string(), lastReceipt: z.number(), lastSentAt: nullableNumber, receiptFloor: z.number(), sentFloor: nullableNumber })),
    newestReceipt: nullableNumber,
    horizon: nullableNumber,
  }),
  pagesSeen: z.array(z.string()),
  checkAnswers: z.record(z.string(), z.array(z.string())),
  reflectionAnswers: z.record(z.string(), z.array(z.string())),
  completed: z.array(z.string()),
  followUpChoice: z.nullable(z.string()),
  finalTest: z.object({
    attempts: z.array(z.string()),
    results: z.array(z.object({ statementId: z.string(), passed: z.boolean(), scorePercent: z.number(), at: z.string() })),
  }),
  gateOpenedAt: z.nullable(z.string()),
  attendedAt: z.nullable(z.string()),
  completedAt: z.nullable(z.string()),
  lastItem: z.nullable(z.object({ itemId: z.string(), at: z.string() })),
});
// Compile-time: a field added to ProgressState must be added here too (and the other way round).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const stateSchemaMatches: Same<z.infer<typeof ProgressStateJson>, Mutable<ProgressState>> = true;
void stateSchemaMatches;

const AppliedJson = z.object({
  newestStored: z.nullable(z.string()),
  recent: z.array(z.tuple([z.string(), z.string()])),
  forgottenThrough: z.nullable(z.string()),
});

const StateItem = z.object({
  state: z.string(),
  applied: z.string(),
  version: z.number().check(z.int(), z.positive()),
});

export function summaryItem(record: ReadinessRecord, version: number): Item {
  return {
    pk: readinessPk(record.registration),
    sk: SUMMARY_SK,
    [GSI1.partitionKey]: coachPartition(record.coachId),
    [GSI1.sortKey]: coachSortKey(record.status, record.participantName, record.registration),
    type: 'Readiness',
    registration: record.registration.toLowerCase(),
    userId: record.userId,
    courseId: record.courseId,
    ...(record.coachId !== null ? { coachId: record.coachId } : {}),
    participantName: record.participantName,
    ...(record.booking !== null ? { booking: { ...record.booking } } : {}),
    status: record.status,
    creditedMinutes: record.creditedMinutes,
    outcomesMet: record.outcomesMet,
    gateOpen: record.gateOpen,
    missing: [...record.missing],
    updatedAt: record.updatedAt,
    version,
  };
}

export function stateItem(record: ReadinessRecord, version: number): Item {
  const applied: AppliedStatements = record.applied ?? { newestStored: null, recent: [], forgottenThrough: null };
  return {
    pk: readinessPk(record.registration),
    sk: STATE_SK,
    type: 'ReadinessState',
    state: JSON.stringify(record.state),
    applied: JSON.stringify(applied),
    version,
  };
}

export function toSummary(item: Item): Summary {
  const parsed = SummaryItem.safeParse(item);
  if (!parsed.success) throw new MalformedItemError(`readiness item ${String(item.pk)}/${String(item.sk)}`, parsed.error);
  const { coachId, booking, ...rest } = parsed.data;
  return { ...rest, coachId: coachId ?? null, booking: booking ?? null };
}

export function toRecord(summary: Item, state: Item | undefined): ReadinessRecord {
  const head = toSummary(summary);
  const where = `readiness state item ${String(summary.pk)}/${STATE_SK}`;
  if (!state) throw new MalformedItemError(where, new Error('the summary has no state item'));
  const parsed = StateItem.safeParse(state);
  if (!parsed.success) throw new MalformedItemError(where, parsed.error);
  if (parsed.data.version !== head.version) {
    throw new MalformedItemError(where, new Error(`state version ${parsed.data.version} differs from summary version ${head.version}`));
  }
  return { ...head, state: parseJson(ProgressStateJson, parsed.data.state, where), applied: parseJson(AppliedJson, parsed.data.applied, where) };
}

function parseJson<T>(schema: z.ZodMiniType<T>, text: string, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedItemError(where, error);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MalformedItemError(where, parsed.error);
  return parsed.data;
}

/** Homomorphic, so arrays and tuples stay arrays and tuples. */
type Mutable<T> = T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
