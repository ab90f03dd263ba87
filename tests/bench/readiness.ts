/**
 * The readiness projection's costs (npm run bench, section "Readiness"):
 * - updateReadiness for one new statement, for a participant with a short and with a long history
 *   (median of 30): one read and one conditional write either way, so the ratio should be near 1;
 * - a coach's list of 1,000 participants (listForCoach) beside a raw DynamoDB Query of the same
 *   index items: what the adapter adds on top of the read itself.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { allItems, loadCourse } from '../../functions/core/course/load.js';
import type { Enrolment } from '../../functions/core/enrolment/ports.js';
import { rebuildOne } from '../../functions/core/readiness/rebuild-readiness.js';
import { blankRecord, updateReadiness } from '../../functions/core/readiness/update-readiness.js';
import * as build from '../../functions/core/xapi/profile/builders.js';
import type { Statement } from '../../functions/core/xapi/statement-schema.js';
import { createReadinessWorld, type ReadinessWorld } from '../support/readiness-world.js';
import { fmt, median, runConcurrently } from './stats.js';

export interface ReadinessFigures {
  history: { small: number; large: number; smallMs: number; largeMs: number };
  coachList: { participants: number; listMs: number; rawMs: number };
}

const course = loadCourse();
const timedItems = allItems(course).filter((i) => i.kind !== 'assignment');
const START = Date.parse('2026-06-01T07:00:00Z');
const FLUSH_MS = 61_000;

/** The i-th one-minute flush of a participant working through the items, one browser session. */
function flush(enrolment: Enrolment, i: number): { statement: Statement; at: number } {
  const at = START + i * FLUSH_MS;
  const item = timedItems[i % timedItems.length]!;
  const statement = build.itemExperienced({
    course,
    participant: { userId: enrolment.userId },
    registration: enrolment.registration,
    itemId: item.id,
    sessionId: `bench-${enrolment.userId}`,
    timestamp: new Date(at).toISOString(),
    activeIntervals: [[new Date(at - 60_000).toISOString(), new Date(at).toISOString()]],
  });
  return { statement, at };
}

/** A participant with `count` statements stored and folded into their record (by the rebuild: fastest). */
async function participantWithHistory(world: ReadinessWorld, count: number): Promise<Enrolment> {
  const enrolment = await world.enrol(`Deelnemer met ${count} statements`);
  const batches: number[][] = [];
  for (let i = 0; i < count; i += 100) batches.push(Array.from({ length: Math.min(100, count - i) }, (_, k) => i + k));
  // Each batch stored at the receive time of its last flush, so the history is a plausible one.
  await runConcurrently(batches, 8, async (batch) => {
    await world.store(batch.map((i) => flush(enrolment, i).statement), flush(enrolment, batch.at(-1)!).at);
  });
  await rebuildOne(world.deps)(enrolment.registration);
  return enrolment;
}

/** Median ms of updateReadiness for one new (stored) statement: flushes `from`, `from + 1`, … in stored order. */
async function costPerStatement(world: ReadinessWorld, enrolment: Enrolment, from: number, runs: number): Promise<number> {
  const latencies: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { statement, at } = flush(enrolment, from + run);
    const [stored] = await world.store([statement], at);
    const start = performance.now();
    await updateReadiness(world.deps)(stored!);
    latencies.push(performance.now() - start);
  }
  return median(latencies);
}

export async function benchReadiness(endpoint: string, sizes = { small: 10, large: 10_000, participants: 1_000 }, log: (text: string) => void = () => undefined): Promise<ReadinessFigures> {
  const world = await createReadinessWorld(endpoint);
  try {
    log(`  storing ${sizes.small} and ${sizes.large} statements of two participants…`);
    const small = await participantWithHistory(world, sizes.small);
    const large = await participantWithHistory(world, sizes.large);
    // Warm up (SDK clients, JIT) on the next statements of the short history, then measure the ones after.
    await costPerStatement(world, small, sizes.small, 5);
    const smallMs = await costPerStatement(world, small, sizes.small + 5, 30);
    const largeMs = await costPerStatement(world, large, sizes.large, 30);

    log(`  writing ${sizes.participants} readiness records for one coach…`);
    const coachId = 'bench-coach';
    const records = Array.from({ length: sizes.participants }, (_, i) => {
      const record = blankRecord({ registration: crypto.randomUUID(), userId: `bench-${i}`, courseId: course.id, participantName: `Deelnemer ${String(i).padStart(4, '0')}` }, course, new Date(START));
      return { ...record, coachId };
    });
    await runConcurrently(records, 16, (record) => world.deps.readiness.put(record, null));
    const raw = async () => {
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await world.table.doc.send(
          new QueryCommand({ TableName: world.table.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `COACH#${coachId}` }, ExclusiveStartKey: startKey }),
        );
        count += page.Items?.length ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    };
    const list = async () => (await world.deps.readiness.listForCoach(coachId)).length;
    for (const warm of [raw, list, raw, list]) await warm();
    const listTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      for (const [run, times] of [[list, listTimes], [raw, rawTimes]] as const) {
        const start = performance.now();
        const count = await run();
        times.push(performance.now() - start);
        if (count !== sizes.participants) throw new Error(`expected ${sizes.participants} participants, got ${count}`);
      }
    }
    return { history: { small: sizes.small, large: sizes.large, smallMs, largeMs }, coachList: { participants: sizes.participants, listMs: median(listTimes), rawMs: median(rawTimes) } };
  } finally {
    await world.close();
  }
}

export function formatReadiness(figures: ReadinessFigures): string[] {
  const { history, coachList } = figures;
  return [
    `  updateReadiness, one new statement, ${String(history.small).padStart(6)} prior: ${fmt(history.smallMs).padStart(6)} ms (median of 30)`,
    `  updateReadiness, one new statement, ${String(history.large).padStart(6)} prior: ${fmt(history.largeMs).padStart(6)} ms (median of 30)`,
    `  ratio long / short history:             ${fmt(history.largeMs / history.smallMs, 2)}x (target ~1)`,
    `  coach list of ${coachList.participants} (listForCoach):       ${fmt(coachList.listMs).padStart(6)} ms   raw Query of the same items ${fmt(coachList.rawMs)} ms   ratio ${fmt(coachList.listMs / coachList.rawMs, 2)}x`,
  ];
}
