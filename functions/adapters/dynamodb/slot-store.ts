/**
 * SlotStore on the single table: the coach's slots, who booked them, and each participant's
 * current booking.
 *
 * | item                | pk                       | sk                                  |
 * |---------------------|--------------------------|-------------------------------------|
 * | slot                | `SLOTS#<coachId>`        | `SLOT#<slotId>`                     |
 * | place in a slot     | `SLOTS#<coachId>`        | `SLOTBOOKING#<slotId>#<registration>` |
 * | participant booking | `REGISTRATION#<reg>`     | `CONTACT_BOOKING`                   |
 *
 * Capacity is a counter on the slot item (`booked`), changed only inside TransactWriteItems
 * together with the place and the participant's booking: the slot's condition
 * `booked < capacity AND startsAt > :now` makes overbooking impossible however many participants
 * book at once. Transactions that collide on the same item are cancelled with TransactionConflict
 * and retried here with jittered backoff; a failed condition is reported as BookingRejectedError.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/zod-locale.js';
import { ContactForm } from '../../core/course/contact-form.js';
import {
  BookingRejectedError,
  SlotHasBookingsError,
  type BookingRejection,
  type ParticipantBooking,
  type Slot,
  type SlotBooking,
  type SlotStore,
} from '../../core/contact-moment/ports.js';
import { ThrottledError } from '../../core/errors.js';
import { MalformedItemError, translateAuthStoreError } from './auth-store-errors.js';
import { backoff } from './batch-retry.js';
import { queryAllItems } from './query-all.js';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export const slotKey = (coachId: string, slotId: string) => ({ pk: `SLOTS#${coachId}`, sk: `SLOT#${slotId}` });
export const slotBookingKey = (coachId: string, slotId: string, registration: string) => ({
  pk: `SLOTS#${coachId}`,
  sk: `SLOTBOOKING#${slotId}#${registration.toLowerCase()}`,
});
export const participantBookingKey = (registration: string) => ({ pk: `REGISTRATION#${registration.toLowerCase()}`, sk: 'CONTACT_BOOKING' });

/** Transactions lost to a concurrent one on the same item are tried this often in all. */
const MAX_TRANSACTION_ATTEMPTS = 10;

const SlotItem = z.object({
  slotId: z.string().check(z.minLength(1)),
  coachId: z.string().check(z.minLength(1)),
  courseId: z.string().check(z.minLength(1)),
  form: ContactForm,
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().check(z.int(), z.gte(1)),
  booked: z.number().check(z.int(), z.gte(0)),
  location: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('place'), address: z.string() }),
    z.object({ kind: z.literal('online'), url: z.string() }),
  ]),
  note: z.optional(z.nullable(z.string())),
  createdAt: z.string(),
});

const SlotBookingItem = z.object({
  coachId: z.string().check(z.minLength(1)),
  slotId: z.string().check(z.minLength(1)),
  registration: z.string().check(z.minLength(1)),
  userId: z.string().check(z.minLength(1)),
  participantName: z.string(),
  bookedAt: z.string(),
});

const ParticipantBookingItem = z.object({
  bookingId: z.string().check(z.minLength(1)),
  registration: z.string().check(z.minLength(1)),
  userId: z.string().check(z.minLength(1)),
  kind: z.enum(['slot', 'contact-request']),
  form: ContactForm,
  coachId: z.nullable(z.string()),
  slotId: z.nullable(z.string()),
  startsAt: z.nullable(z.string()),
  endsAt: z.nullable(z.string()),
  bookedAt: z.string(),
});

function parse<T extends z.ZodMiniType>(schema: T, item: Record<string, unknown>, what: string): z.output<T> {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new MalformedItemError(`${what} ${String(item.pk)}/${String(item.sk)}`, parsed.error);
  return parsed.data;
}

function toSlot(item: Record<string, unknown>): Slot {
  const data = parse(SlotItem, item, 'slot');
  return { ...data, note: data.note ?? null };
}

function cancellationCodes(error: TransactionCanceledException): string[] {
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
}

export function createSlotStore(deps: { doc: DynamoDBDocumentClient; tableName: string }): SlotStore {
  const { doc, tableName } = deps;

  async function queryAll(pk: string, prefix: string, action: string): Promise<Record<string, unknown>[]> {
    try {
      return await queryAllItems(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
      });
    } catch (error) {
      throw translateAuthStoreError(error, action);
    }
  }

  async function getSlot(coachId: string, slotId: string): Promise<Slot | undefined> {
    try {
      const result = await doc.send(new GetCommand({ TableName: tableName, Key: slotKey(coachId, slotId), ConsistentRead: true }));
      return result.Item ? toSlot(result.Item) : undefined;
    } catch (error) {
      throw translateAuthStoreError(error, 'read a slot');
    }
  }

  /**
   * Runs one booking transaction; `explain` names the rejection from the per-item cancellation
   * codes (in the order of `items`). Lost races (TransactionConflict) are retried.
   */
  async function transact(items: TransactItem[], explain: (codes: string[]) => Promise<BookingRejection>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw translateAuthStoreError(error, 'change a booking');
        const codes = cancellationCodes(error);
        if (codes.includes('ConditionalCheckFailed')) throw new BookingRejectedError(await explain(codes), { cause: error });
        if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
          throw new ThrottledError('Er wordt op dit moment veel tegelijk geboekt. Probeer het over een paar seconden opnieuw.', { cause: error });
        }
        await backoff(attempt);
      }
    }
  }

  /** Why the slot refused a place: it is gone, has started, or is full. */
  async function slotRejection(coachId: string, slotId: string, now: string): Promise<BookingRejection> {
    const slot = await getSlot(coachId, slotId);
    if (!slot) return 'slot-gone';
    if (slot.startsAt <= now) return 'slot-started';
    return 'slot-full';
  }

  /** Releases a place in a slot that has not started yet (conditions checked by the transaction). */
  function releasePlace(booking: ParticipantBooking, now: string): TransactItem[] {
    return [
      {
        Update: {
          TableName: tableName,
          Key: slotKey(booking.coachId!, booking.slotId!),
          UpdateExpression: 'SET #booked = #booked - :one',
          ConditionExpression: 'attribute_exists(pk) AND #startsAt > :now AND #booked > :zero',
          ExpressionAttributeNames: { '#booked': 'booked', '#startsAt': 'startsAt' },
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':now': now },
        },
      },
      { Delete: { TableName: tableName, Key: slotBookingKey(booking.coachId!, booking.slotId!, booking.registration) } },
    ];
  }

  function pointerCondition(current: ParticipantBooking | null) {
    return current
      ? { ConditionExpression: '#bookingId = :currentBookingId', ExpressionAttributeNames: { '#bookingId': 'bookingId' }, ExpressionAttributeValues: { ':currentBookingId': current.bookingId } }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
  }

  return {
    async createSlot(slot) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...slotKey(slot.coachId, slot.slotId), type: 'ContactSlot', ...slot },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        throw translateAuthStoreError(error, 'store a slot');
      }
    },

    getSlot,

    async deleteSlot(coachId, slotId) {
      try {
        await doc.send(
          new DeleteCommand({
            TableName: tableName,
            Key: slotKey(coachId, slotId),
            ConditionExpression: 'attribute_exists(pk) AND #booked = :zero',
            ExpressionAttributeNames: { '#booked': 'booked' },
            ExpressionAttributeValues: { ':zero': 0 },
          }),
        );
        return true;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw translateAuthStoreError(error, 'delete a slot');
      }
      if (!(await getSlot(coachId, slotId))) return false;
      throw new SlotHasBookingsError(`slot ${slotId} of coach ${coachId} has bookings`);
    },

    async listSlots(coachId) {
      return (await queryAll(`SLOTS#${coachId}`, 'SLOT#', 'list slots')).map(toSlot);
    },

    async listSlotBookings(coachId): Promise<SlotBooking[]> {
      return (await queryAll(`SLOTS#${coachId}`, 'SLOTBOOKING#', 'list bookings')).map((item) => parse(SlotBookingItem, item, 'slot booking'));
    },

    async getBooking(registration) {
      try {
        const result = await doc.send(new GetCommand({ TableName: tableName, Key: participantBookingKey(registration), ConsistentRead: true }));
        return result.Item ? parse(ParticipantBookingItem, result.Item, 'booking') : undefined;
      } catch (error) {
        throw translateAuthStoreError(error, 'read a booking');
      }
    },

    async replaceBooking({ current, next, participantName, now }) {
      const items: TransactItem[] = [];
      if (next.kind === 'slot') {
        items.push(
          {
            Update: {
              TableName: tableName,
              Key: slotKey(next.coachId!, next.slotId!),
              UpdateExpression: 'SET #booked = #booked + :one',
              // `capacity` is a reserved word in DynamoDB expressions: every name goes through #names.
              ConditionExpression: 'attribute_exists(pk) AND #booked < #capacity AND #startsAt > :now',
              ExpressionAttributeNames: { '#booked': 'booked', '#capacity': 'capacity', '#startsAt': 'startsAt' },
              ExpressionAttributeValues: { ':one': 1, ':now': now },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...slotBookingKey(next.coachId!, next.slotId!, next.registration),
                type: 'ContactSlotBooking',
                coachId: next.coachId,
                slotId: next.slotId,
                registration: next.registration.toLowerCase(),
                userId: next.userId,
                participantName,
                bookedAt: next.bookedAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        );
      }
      const pointerIndex = items.length;
      items.push({
        Put: {
          TableName: tableName,
          Item: { ...participantBookingKey(next.registration), type: 'ContactBooking', ...next, registration: next.registration.toLowerCase() },
          ...pointerCondition(current),
        },
      });
      const releaseIndex = items.length;
      if (current?.kind === 'slot') items.push(...releasePlace(current, now));

      await transact(items, async (codes) => {
        const failed = (index: number) => codes[index] === 'ConditionalCheckFailed';
        if (failed(pointerIndex)) return 'booking-changed';
        if (current?.kind === 'slot' && failed(releaseIndex)) return 'current-started';
        if (next.kind === 'slot' && failed(0)) return slotRejection(next.coachId!, next.slotId!, now);
        return 'booking-changed';
      });
    },

    async removeBooking({ current, now, releaseOnlyBeforeStart }) {
      const items: TransactItem[] = [{ Delete: { TableName: tableName, Key: participantBookingKey(current.registration), ...pointerCondition(current) } }];
      if (current.kind === 'slot' && releaseOnlyBeforeStart) items.push(...releasePlace(current, now));
      await transact(items, async (codes) => (codes[0] === 'ConditionalCheckFailed' ? 'booking-changed' : 'current-started'));
    },
  };
}
