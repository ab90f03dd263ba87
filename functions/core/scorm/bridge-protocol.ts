/**
 * The bridge protocol of the thin SCORM packages ("ipg-scorm-bridge/1"): how the package's launch
 * page (in the LMS) and the course this module hosts (in an iframe on that page) talk. The launch
 * page is the only one that touches the LMS's SCORM API; the hosted course only posts messages.
 *
 * 1. Launch. The launch page finds the API (SCORM 1.2 `API`, 2004 `API_1484_11`: window.parent up
 *    to 7 levels, then window.opener), initialises it and reads the learner:
 *      1.2:  cmi.core.student_id, cmi.core.student_name, cmi.core.entry, cmi.suspend_data
 *      2004: cmi.learner_id, cmi.learner_name, cmi.entry, cmi.suspend_data
 *    (and cmi.interactions._count; in 2004 also each cmi.interactions.n.id). It then opens, in an
 *    iframe,
 *      <moduleUrl>/scorm/launch#key=<exportKey>&learner=<id>&name=<name>&entry=<entry>&version=<1.2|2004>
 *    every value percent-encoded (encodeURIComponent; read it with `new URLSearchParams(hash)`),
 *    entry one of "ab-initio", "resume", "". A fragment, so neither key nor learner reaches a
 *    server log; the hosted course sends the key to its own API itself.
 * 2. The hosted course posts `{ protocol, type: 'ready' }` to `window.parent` once it listens
 *    (targetOrigin "*": it cannot know the LMS's origin; so it posts nothing the learner's LMS
 *    should not see, and it must allow any LMS to frame /scorm/launch).
 *    The launch page answers (to the moduleUrl's origin only) with
 *      { protocol: 'ipg-scorm-bridge/1', type: 'resume', suspendData }
 *    suspendData being what the LMS kept ("" on a first sitting) or, after progress in this
 *    sitting, the latest the course sent. Every `ready` gets this answer (a reloaded course too).
 * 3. The hosted course reports with `progress` and ends with `exit` (the shapes below). The launch
 *    page takes a message only when its origin is the moduleUrl's origin, it comes from its own
 *    iframe, and it passes `parseCourseMessage`; anything else is ignored, never half-applied.
 * 4. What the launch page writes to the LMS:
 *    progress →
 *      1.2:  cmi.core.lesson_status = success ?? completion ('passed' | 'failed' | 'completed' |
 *            'incomplete'); if scoreScaled: cmi.core.score.raw (scoreScaled × 100, two decimals),
 *            .min "0", .max "100"; if suspendData: cmi.suspend_data; each new interaction:
 *            cmi.interactions.n.id, .type, .correct_responses.0.pattern (if given),
 *            .student_response, .result ('incorrect' → 'wrong'), .time (HH:MM:SS, local);
 *            then LMSCommit.
 *      2004: cmi.completion_status; cmi.success_status (if success); if scoreScaled:
 *            cmi.score.scaled, .raw (× 100), .min "0", .max "100"; cmi.suspend_data (if given);
 *            each new interaction: cmi.interactions.n.id, .type, .correct_responses.0.pattern (if
 *            given), .learner_response, .result, .timestamp (UTC, YYYY-MM-DDTHH:MM:SSZ); then Commit.
 *      An interaction is appended once per id: an id already sent in this sitting, or (2004, where
 *      the LMS lets us read them) already in the LMS, is skipped. SCORM 1.2 does not let a SCO read
 *      interaction ids back, so across sittings the course itself must not send one twice.
 *    exit →
 *      1.2:  cmi.core.session_time (HH:MM:SS.SS, from LMSInitialize to now), cmi.core.exit
 *            'suspend' or '', LMSFinish.
 *      2004: cmi.session_time (ISO 8601 duration), cmi.exit 'suspend' or 'normal', Terminate.
 *    pagehide/unload of the launch page before an exit: as exit, suspending unless the last
 *    progress said 'completed' (a learner who closes the window mid-course can resume).
 *
 * Responses by interaction type (also for correctPattern), so both SCORM versions accept them:
 *   choice:     option ids separated by ","; 1.2 gets them as is, 2004 joined by "[,]".
 *   true-false: "true" or "false"; 1.2 gets "t" or "f".
 *   fill-in, other: text of 1 to 255 characters, no "[,]" or "[.]", not starting with "{";
 *               1.2 has no type "other" and gets "fill-in".
 *
 * `parseCourseMessage` is the check on the TypeScript side (the hosted course can use it before it
 * posts); the launch page's bridge.js carries the same rules in plain JavaScript, and a unit test
 * holds the two to the same answers.
 */
import * as z from 'zod/mini';
import '../zod-locale.js';
import type { ScormVersion } from './versions.js';

export const BRIDGE_PROTOCOL = 'ipg-scorm-bridge/1';

/** The hosted course's launch route, under the module's URL; the learner and key follow in the fragment. */
export const HOSTED_LAUNCH_PATH = '/scorm/launch';

/** SCORM 1.2's cmi.suspend_data is a CMIString4096; 2004 allows more, the course keeps to the least. */
export const MAX_SUSPEND_DATA_CHARS = 4096;
/** SCORM 1.2's student_response is a CMIFeedback of at most 255 characters. */
export const MAX_TEXT_RESPONSE_CHARS = 255;
export const MAX_INTERACTIONS_PER_MESSAGE = 50;

/** Interaction ids: valid as 1.2 CMIIdentifier and 2004 long_identifier_type. */
export const INTERACTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
/** One choice option: valid as a 2004 short_identifier_type, and without "," (the separator). */
export const CHOICE_OPTION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const INTERACTION_TYPES = ['choice', 'true-false', 'fill-in', 'other'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

/** The values of cmi.core.entry / cmi.entry that travel in the launch fragment; anything else becomes "". */
export const LAUNCH_ENTRIES = ['ab-initio', 'resume', ''] as const;
export type LaunchEntry = (typeof LAUNCH_ENTRIES)[number];

/** What the hosted course finds in its URL's fragment. */
export interface LaunchFragment {
  readonly key: string;
  readonly learner: string;
  readonly name: string;
  readonly entry: LaunchEntry;
  readonly version: ScormVersion;
}

/** The fragment the launch page writes, in this order (the same code as in bridge.js). */
export function launchFragment(fragment: LaunchFragment): string {
  const parts: [string, string][] = [
    ['key', fragment.key],
    ['learner', fragment.learner],
    ['name', fragment.name],
    ['entry', fragment.entry],
    ['version', fragment.version],
  ];
  return parts.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}

/** Whether `response` is a valid response (or correct pattern) for an interaction of `type`. */
export function isValidResponse(type: InteractionType, response: string): boolean {
  switch (type) {
    case 'choice':
      return response.split(',').every((option) => CHOICE_OPTION_PATTERN.test(option));
    case 'true-false':
      return response === 'true' || response === 'false';
    case 'fill-in':
    case 'other':
      return (
        response.length >= 1 &&
        response.length <= MAX_TEXT_RESPONSE_CHARS &&
        !response.includes('[,]') &&
        !response.includes('[.]') &&
        !response.startsWith('{')
      );
  }
}

export const Interaction = z.strictObject({
  id: z.string().check(z.regex(INTERACTION_ID_PATTERN)),
  type: z.enum(INTERACTION_TYPES),
  response: z.string(),
  result: z.enum(['correct', 'incorrect', 'neutral']),
  correctPattern: z.optional(z.string()),
}).check(z.refine((interaction) => isValidResponse(interaction.type, interaction.response), {
  message: 'response does not fit the interaction type',
  path: ['response'],
}), z.refine((i) => i.correctPattern === undefined || isValidResponse(i.type, i.correctPattern), {
  message: 'correctPattern does not fit the interaction type',
  path: ['correctPattern'],
}));
export type Interaction = z.infer<typeof Interaction>;

const protocol = z.literal(BRIDGE_PROTOCOL);

export const ReadyMessage = z.strictObject({ protocol, type: z.literal('ready') });
export type ReadyMessage = z.infer<typeof ReadyMessage>;

export const ProgressMessage = z.strictObject({
  protocol,
  type: z.literal('progress'),
  completion: z.enum(['incomplete', 'completed']),
  success: z.optional(z.enum(['passed', 'failed'])),
  scoreScaled: z.optional(z.number().check(z.gte(0), z.lte(1))),
  suspendData: z.optional(z.string().check(z.maxLength(MAX_SUSPEND_DATA_CHARS))),
  interactions: z.optional(z.array(Interaction).check(z.maxLength(MAX_INTERACTIONS_PER_MESSAGE))),
});
export type ProgressMessage = z.infer<typeof ProgressMessage>;

export const ExitMessage = z.strictObject({ protocol, type: z.literal('exit'), suspend: z.boolean() });
export type ExitMessage = z.infer<typeof ExitMessage>;

/** A message from the hosted course to the launch page. */
export const CourseMessage = z.discriminatedUnion('type', [ReadyMessage, ProgressMessage, ExitMessage]);
export type CourseMessage = z.infer<typeof CourseMessage>;

/** The launch page's one message to the hosted course. */
export interface ResumeMessage {
  readonly protocol: typeof BRIDGE_PROTOCOL;
  readonly type: 'resume';
  readonly suspendData: string;
}

/** The message if it is a valid course message, else undefined (the launch page ignores it). */
export function parseCourseMessage(data: unknown): CourseMessage | undefined {
  const result = CourseMessage.safeParse(data);
  return result.success ? result.data : undefined;
}
