/**
 * Pattern matching for the course profile, following the xAPI Profiles 1.0 communication
 * document, 2.2 (Pattern Validation): greedy, without backtracking. The statements are those of
 * one registration, already ordered by timestamp (then by position within a batch).
 */
import { loadProfile, validateStatement, type MatchOptions } from './matcher.js';
import type { Pattern, Profile } from './profile-schema.js';

/**
 * success: the statements follow the primary pattern completely;
 * partial: they follow it so far, and the pattern expects more (an enrolment in progress);
 * failure: a statement breaks its template, or the order does not fit the pattern.
 */
export interface PatternResult {
  outcome: 'success' | 'partial' | 'failure';
  /** The primary pattern matched or tried. */
  pattern?: string;
  /** For failure: the index of the first statement that does not fit. */
  failedAt?: number;
  problems: string[];
}

type Outcome = 'success' | 'partial' | 'failure';

/** The spec's `follows` for one registration's statements, with what went wrong. */
export function followsPatterns(statements: readonly object[], profile: Profile = loadProfile(), options: Omit<MatchOptions, 'profile'> = {}): PatternResult {
  const matched: Set<string>[] = [];
  for (const [index, statement] of statements.entries()) {
    const validation = validateStatement(statement, profile, options);
    if (validation.outcome !== 'success') {
      const problems = validation.outcome === 'unmatched' ? ['matches no statement template'] : Object.entries(validation.problems).flatMap(([id, list]) => list.map((p) => `${id}: ${p}`));
      return { outcome: 'failure', failedAt: index, problems: problems.map((p) => `statement ${index}: ${p}`) };
    }
    matched.push(new Set(validation.templates));
  }
  const primary = (profile.patterns ?? []).filter((p) => p.primary);
  let best: PatternResult = { outcome: 'failure', failedAt: 0, problems: ['the profile has no primary pattern'] };
  for (const pattern of primary) {
    const outcome = follows(matched, pattern.id, profile);
    if (outcome === 'success') return { outcome, pattern: pattern.id, problems: [] };
    if (outcome === 'partial') best = { outcome, pattern: pattern.id, problems: [] };
    else if (best.outcome === 'failure') {
      // The first statement that turns a fitting prefix into a failure is the one out of place.
      let failedAt = 0;
      while (failedAt < matched.length && follows(matched.slice(0, failedAt + 1), pattern.id, profile) !== 'failure') failedAt++;
      best = { outcome, pattern: pattern.id, failedAt, problems: [`statement ${failedAt} does not fit pattern "${pattern.id}" at this point`] };
    }
  }
  return best;
}

function follows(matched: readonly Set<string>[], patternId: string, profile: Profile): Outcome {
  const [outcome, next] = matcher(matched, profile).matches(0, patternId);
  if (outcome === 'success') return next === matched.length ? 'success' : 'failure';
  return outcome;
}

/** `matches` from the spec; remaining statements are the suffix from an index. */
function matcher(statements: readonly Set<string>[], profile: Profile) {
  const n = statements.length;
  const templates = new Set((profile.templates ?? []).map((t) => t.id));
  const patterns = new Map<string, Pattern>((profile.patterns ?? []).map((p) => [p.id, p]));

  const matches = (i: number, element: string): [Outcome, number] => {
    if (templates.has(element)) {
      if (i >= n) return ['partial', n];
      return statements[i]!.has(element) ? ['success', i + 1] : ['failure', i];
    }
    const p = patterns.get(element);
    if (!p) return ['failure', i];
    if (p.sequence) {
      let next = i;
      for (const member of p.sequence) {
        const [outcome, after] = matches(next, member);
        if (outcome === 'failure') return ['failure', i];
        if (outcome === 'partial') return ['partial', n];
        next = after;
      }
      return ['success', next];
    }
    if (p.alternates) {
      let outcome: Outcome = 'failure';
      let next = i;
      for (const member of p.alternates) {
        const [maybe, after] = matches(i, member);
        if (maybe === 'success') {
          outcome = 'success';
          if (after > next) next = after;
        }
        if (maybe === 'partial' && outcome === 'failure') outcome = 'partial';
      }
      return outcome === 'partial' ? ['partial', n] : [outcome, next];
    }
    if (p.oneOrMore) {
      let outcome: Outcome = 'failure';
      let last = i;
      for (;;) {
        const [more, next] = matches(last, p.oneOrMore);
        if (more === 'success') outcome = 'success';
        else if (outcome === 'failure' && more === 'partial') return ['partial', n];
        else return more === 'partial' && last < n ? ['partial', last] : [outcome, last];
        if (next === last) return ['success', next];
        last = next;
      }
    }
    if (p.zeroOrMore) {
      let last = i;
      for (;;) {
        const [more, next] = matches(last, p.zeroOrMore);
        if (more === 'failure') return ['success', last];
        if (more === 'partial' && next < n) return ['partial', next];
        if (next === last) return ['success', next];
        last = next;
      }
    }
    if (p.optional) {
      if (i >= n) return ['success', n];
      const [outcome, next] = matches(i, p.optional);
      return outcome === 'failure' ? ['success', i] : [outcome, next];
    }
    return ['failure', i];
  };
  return { matches };
}
