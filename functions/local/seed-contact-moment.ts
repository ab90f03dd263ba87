/**
 * Demo data for the contact moment (called by seed.ts): the three demo participants assigned to
 * the two demo coaches, and a few slots in the coming days, one of them a group inspiration
 * session. Idempotent: an existing assignment is kept (the admin may have changed it), and a
 * coach who still has slots to come gets no new ones.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCoachAssignmentStore } from '../adapters/dynamodb/coach-assignment-store.js';
import { createEnrolmentStore } from '../adapters/dynamodb/enrolment-store.js';
import { createReadinessStore } from '../adapters/dynamodb/readiness-store.js';
import { createSlotStore } from '../adapters/dynamodb/slot-store.js';
import { createStatementStore } from '../adapters/dynamodb/statement-store.js';
import { createUserStore } from '../adapters/dynamodb/user-store.js';
import { assignCoach } from '../core/contact-moment/assign-coach.js';
import { createSlot, type NewSlotInput } from '../core/contact-moment/slots.js';
import { loadCourse } from '../core/course/load.js';

const ASSIGNMENTS: ReadonlyArray<{ userId: string; coachId: string }> = [
  { userId: 'demo-participant-carla', coachId: 'demo-coach-anna' },
  { userId: 'demo-participant-daan', coachId: 'demo-coach-anna' },
  { userId: 'demo-participant-eva', coachId: 'demo-coach-bram' },
];

/** Days from today, Dutch local time as UTC offset +01:00 (close enough for demo slots). */
function at(now: Date, days: number, hhmm: string): string {
  const day = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${hhmm}:00+01:00`;
}

function demoSlots(coachId: string, now: Date): NewSlotInput[] {
  if (coachId === 'demo-coach-anna') {
    return [
      { form: 'coaching', startsAt: at(now, 3, '10:00'), endsAt: at(now, 3, '11:00'), location: { kind: 'place', address: 'Gezondheidscentrum De Linde, Lindelaan 4, Utrecht' } },
      { form: 'coaching', startsAt: at(now, 5, '14:00'), endsAt: at(now, 5, '15:00'), location: { kind: 'online', url: 'https://meet.voorbeeld.nl/anna-coaching' } },
      {
        form: 'inspiratiesessie',
        startsAt: at(now, 7, '19:00'),
        endsAt: at(now, 7, '20:30'),
        capacity: 12,
        location: { kind: 'online', url: 'https://meet.voorbeeld.nl/inspiratiesessie' },
        note: 'Een avond met maximaal twaalf deelnemers. Neem je spinnenweb mee als je dat wilt.',
      },
    ];
  }
  return [{ form: 'coaching', startsAt: at(now, 4, '09:30'), endsAt: at(now, 4, '10:30'), location: { kind: 'place', address: 'Praktijk Bram, Stationsplein 12, Amersfoort' } }];
}

export async function seedContactMomentDemo(opts: { doc: DynamoDBDocumentClient; tableName: string; now: () => Date; authorityHomePage: string }): Promise<void> {
  const store = { doc: opts.doc, tableName: opts.tableName };
  const course = loadCourse();
  const deps = {
    now: opts.now,
    statements: createStatementStore(store),
    enrolments: createEnrolmentStore(store),
    users: createUserStore(store),
    readiness: createReadinessStore(store),
    coachAssignments: createCoachAssignmentStore(store),
    slots: createSlotStore(store),
    appAuthority: { objectType: 'Agent' as const, name: 'Introductie Positieve Gezondheid', account: { homePage: opts.authorityHomePage, name: 'introductie-pg-app' } },
  };
  for (const { userId, coachId } of ASSIGNMENTS) {
    if (await deps.coachAssignments.get(userId, course.id)) continue;
    await assignCoach(deps)({ adminId: 'demo-admin', userId, coachId, course });
  }
  for (const coachId of new Set(ASSIGNMENTS.map((a) => a.coachId))) {
    const now = opts.now();
    const upcoming = (await deps.slots.listSlots(coachId)).some((slot) => Date.parse(slot.startsAt) > now.getTime());
    if (upcoming) continue;
    for (const slot of demoSlots(coachId, now)) await createSlot(deps)({ coachId, course, slot });
  }
}
