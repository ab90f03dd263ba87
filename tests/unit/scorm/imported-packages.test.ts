/**
 * Imported SCORM packages, the pure parts: the course with packages, a sitting's run-time data to
 * record and SCORM events, the ADL SCORM profile statements (valid xAPI), and R13 (a package's
 * session time credited within the server's own time of the sitting).
 */
import { describe, expect, it } from 'vitest';
import { itemById, loadCourse } from '../../../functions/core/course/load.js';
import { applyReport, creditReport, emptyStudyTime, itemCapMs, type SittingReport } from '../../../functions/core/progress/study-time.js';
import { packageStatements, SITTING_STARTED_EXTENSION } from '../../../functions/core/scorm/imported/package-statements.js';
import { runtime } from '../../support/scorm-runtime.js';
import { applySittingEvent } from '../../../functions/core/scorm/imported/sittings.js';
import { packageContentUrl, withPackages, type PackageWorkMoment } from '../../../functions/core/scorm/imported/work-moments.js';
import { durationToMs, parseStatements } from '../../../functions/core/xapi/statement-schema.js';
import type { PackageItem } from '../../../functions/core/course/schema.js';

const content = loadCourse();
const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();
const REGISTRATION = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7';

const pkg: PackageWorkMoment = {
  packageId: '0123456789abcdef0123456789abcdef',
  workMomentId: 'pakket-0123456789ab',
  itemId: 'pakket-0123456789ab-sco',
  title: 'Samen beslissen',
  intro: '',
  nominalMinutes: 20,
  outcomes: [2, 5],
  scormVersion: '2004',
  launchPath: 'sco%201/index.html?start=1',
  fileName: 'samen.zip',
  fileCount: 3,
  totalBytes: 1000,
  uploadedAt: at(0),
  uploadedBy: 'admin-1',
};
const course = withPackages(content, [pkg]);
const item = itemById(course, pkg.itemId) as PackageItem;


describe('withPackages', () => {
  it('adds each package as a last work moment, and as evidence of the outcomes the admin chose', () => {
    expect(course.workMoments.slice(0, -1)).toEqual(content.workMoments);
    expect(course.workMoments.at(-1)!.items).toEqual([expect.objectContaining({ kind: 'package', id: pkg.itemId, nominalMinutes: 20 })]);
    expect(item.launchUrl).toBe(`/scorm/content/${pkg.packageId}/sco%201/index.html?start=1`);
    for (const outcome of course.outcomes) {
      const added = outcome.evidence.filter((e) => e.kind === 'package').map((e) => e.itemId);
      expect(added).toEqual(pkg.outcomes.includes(outcome.number) ? [pkg.itemId] : []);
    }
    expect(withPackages(content, [])).toBe(content);
  });

  it('serves the launch URL below the package folder as it is (already encoded, with its query)', () => {
    expect(packageContentUrl('p', 'a%20b/c%23d.html?x=1#top')).toBe('/scorm/content/p/a%20b/c%23d.html?x=1#top');
  });
});

describe('applySittingEvent', () => {
  it('records initialize, each new interaction once, the score, success and completion once, then suspend and terminate', () => {
    const first = applySittingEvent(undefined, { sittingId: 's1', event: 'initialize', runtime: runtime(), at: at(0) });
    expect(first.events.map((e) => e.kind)).toEqual(['initialized']);
    const interaction = { id: 'v1', type: 'choice', learnerResponse: 'a', result: 'correct', correctResponses: ['a'], description: 'Vraag 1' };
    const commit = applySittingEvent(first.state, { sittingId: 's1', event: 'commit', runtime: runtime({ interactions: [interaction] }), at: at(1) });
    expect(commit.events.map((e) => e.kind)).toEqual(['responded']);
    const again = applySittingEvent(commit.state, { sittingId: 's1', event: 'commit', runtime: runtime({ interactions: [interaction] }), at: at(2) });
    expect(again.events).toEqual([]);
    expect(again.state).toBe(commit.state);
    const end = applySittingEvent(commit.state, {
      sittingId: 's1',
      event: 'terminate',
      runtime: runtime({ interactions: [interaction], completion: 'completed', success: 'passed', scoreScaled: 0.9, exit: 'suspend', suspendData: 'x', sessionTimeMs: 4 * MINUTE }),
      at: at(5),
    });
    expect(end.events.map((e) => e.kind)).toEqual(['scored', 'passed', 'completed', 'suspended', 'terminated']);
    expect(end.events.at(-1)).toEqual({ kind: 'terminated', sessionTimeMs: 4 * MINUTE, startedAt: at(0) });
    expect(end.state.record).toMatchObject({ completion: 'completed', success: 'passed', scoreScaled: 0.9, suspendData: 'x', exit: 'suspend', totalTimeMs: 4 * MINUTE, sittings: 1 });
    expect(() => applySittingEvent(end.state, { sittingId: 's1', event: 'commit', runtime: runtime(), at: at(6) })).toThrow(/al afgesloten/);

    // The next sitting resumes; 1.2 forgets interactions between sittings, so the same answer again is no new event.
    const next = applySittingEvent(end.state, { sittingId: 's2', event: 'commit', runtime: runtime({ interactions: [interaction], completion: 'incomplete' }), at: at(60) });
    expect(next.events.map((e) => e.kind)).toEqual(['initialized', 'resumed']);
    expect(next.state.record.completion).toBe('completed');
    expect(next.state.record.sittings).toBe(2);
  });
});

describe('packageStatements', () => {
  it('makes valid xAPI statements that follow the ADL SCORM profile, with ids stable per report', () => {
    const start = applySittingEvent(undefined, { sittingId: 's1', event: 'initialize', runtime: runtime(), at: at(0) });
    const end = applySittingEvent(start.state, {
      sittingId: 's1',
      event: 'terminate',
      runtime: runtime({
        completion: 'completed',
        success: 'failed',
        scoreScaled: 0.4,
        sessionTimeMs: 90_500,
        interactions: [{ id: 'vraag 1', type: 'weird-type', learnerResponse: 'b', result: 'wrong', correctResponses: [], description: null }],
      }),
      at: at(3),
    });
    const make = () =>
      packageStatements({ course, item, workMomentId: pkg.workMomentId, userId: 'u-1', registration: REGISTRATION, sittingId: 's1', eventDigest: end.sitting.lastEvent, events: end.events, at: at(3) });
    const statements = make();
    expect(() => parseStatements(statements)).not.toThrow();
    expect(make().map((s) => s.id)).toEqual(statements.map((s) => s.id));
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    const byVerb = Object.fromEntries(statements.map((s) => [s.verb.id.split('/').at(-1)!, s]));
    expect(Object.keys(byVerb)).toEqual(['responded', 'scored', 'failed', 'completed', 'terminated']);
    expect(byVerb.responded!.object).toMatchObject({ id: `${content.id}/item/${pkg.itemId}/interaction/vraag%201`, definition: { interactionType: 'other' } });
    expect(byVerb.responded!.result).toEqual({ response: 'b', success: false });
    expect(byVerb.failed!.result).toEqual({ success: false, score: { scaled: 0.4 } });
    expect(byVerb.terminated!.result).toEqual({ duration: 'PT1M30.5S' });
    expect(byVerb.terminated!.context!.extensions![SITTING_STARTED_EXTENSION]).toBe(at(0));
    for (const s of statements) {
      expect(s.context!.registration).toBe(REGISTRATION);
      const activities = s.context!.contextActivities as { category: { id: string }[]; grouping: { definition: { type: string } }[] };
      expect(activities.category.map((a) => a.id)).toEqual(['https://w3id.org/xapi/scorm']);
      expect(activities.grouping.map((a) => a.definition.type)).toEqual([
        'http://adlnet.gov/expapi/activities/attempt',
        'http://adlnet.gov/expapi/activities/course',
      ]);
      expect(s.timestamp).toBe(at(3));
    }
  });
});

describe('R13: a SCORM sitting earns its session time, within the server time of the sitting', () => {
  const sitting = (overrides: Partial<SittingReport> = {}): SittingReport => ({
    kind: 'sitting',
    statementId: 'st-1',
    registration: REGISTRATION,
    itemId: pkg.itemId,
    startedAt: at(0),
    receivedAt: at(5),
    reportedMs: 10 * 60 * MINUTE,
    ...overrides,
  });

  it('credits five minutes for a five-minute sitting that claims ten hours', () => {
    const result = creditReport(emptyStudyTime(), sitting(), course);
    expect(result).toMatchObject({ outcome: 'credited', addedMs: 5 * MINUTE });
  });

  it('credits the reported time when it is less than the sitting lasted', () => {
    expect(creditReport(emptyStudyTime(), sitting({ reportedMs: 3 * MINUTE }), course).addedMs).toBe(3 * MINUTE);
  });

  it('credits at most the cap of the item, and the same report twice once', () => {
    const long = sitting({ receivedAt: at(600), reportedMs: 600 * MINUTE });
    const once = applyReport(emptyStudyTime(), long, course);
    expect(once.creditedMs[pkg.itemId]).toBe(itemCapMs(item));
    expect(applyReport(once, long, course)).toEqual(once);
  });

  it('does not credit time already credited to another item (R8)', () => {
    const page = 'wm1-gezondheid-anders-bekeken';
    const state = applyReport(
      emptyStudyTime(),
      { kind: 'activity', statementId: 'a', registration: REGISTRATION, itemId: page, sessionId: 'tab', clientSentAt: at(4), receivedAt: at(4), intervals: [[at(2), at(4)]] },
      course,
    );
    expect(creditReport(state, sitting(), course).addedMs).toBe(3 * MINUTE);
  });

  it('credits nothing for an item that is not a package, or a sitting that ends before it starts', () => {
    expect(creditReport(emptyStudyTime(), sitting({ itemId: 'wm1-gezondheid-anders-bekeken' }), course).outcome).toBe('not-a-package');
    expect(creditReport(emptyStudyTime(), sitting({ startedAt: at(6) }), course).addedMs).toBe(0);
  });
});

describe('durationToMs', () => {
  it.each([
    ['PT10H', 36_000_000],
    ['PT1M30.5S', 90_500],
    ['P1DT1H', 90_000_000],
    ['P1W', 604_800_000],
    ['PT0,5S', 500],
  ])('reads %s', (value, expected) => expect(durationToMs(value)).toBe(expected));

  it.each(['P1Y', 'P2M', 'PT', 'soon'])('refuses %s', (value) => expect(durationToMs(value)).toBeUndefined());
});
