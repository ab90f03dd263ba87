/**
 * The server API as the web app uses it: JSON over fetch with the person's token. A 401 anywhere
 * ends the session (the app shows sign-in with a kind message); other failures are thrown as
 * ApiError (the server answered) or NetworkError (it could not be reached).
 */
import type { ReportRow as AccreditationReportRow } from '../core/accreditation/report.js';
import type { CourseView } from '../core/course/course-view.js';
import type { AdminParticipant } from '../core/contact-moment/assign-coach.js';
import type { BookingRequest, ContactMomentView } from '../core/contact-moment/booking.js';
import type { CoachParticipantDetail, CoachParticipantSummary } from '../core/contact-moment/coach-workspace.js';
import type { RecordContactMomentResult } from '../core/contact-moment/record-contact-moment.js';
import type { CoachSlotView, NewSlotInput } from '../core/contact-moment/slots.js';
import type { Statement } from '../core/xapi/statement-schema.js';
import type { NewPackage, PackageLaunch, PackageSummary, Runtime, SittingEvent } from './package-types.js';
import { readJson, remove, writeJson, type StorageArea } from './storage.js';

export interface AppConfig {
  signIn: { kind: 'local'; url: string } | { kind: 'cognito'; region?: string; clientId?: string | null };
}

export interface Me {
  userId: string;
  email: string;
  name: string;
  roles: string[];
}

/** The answer to POST /scorm/sessions: a participant's token, as a sign-in gives it. */
export interface ScormSession {
  token: string;
  user: { userId: string; name: string };
  /** The organisation whose LMS the learner came from (shown discreetly in the app). */
  organisation: string;
}

export interface Enrolment {
  registration: string;
  courseId: string;
  courseVersion: string;
  createdAt?: string;
}

export interface Draft {
  itemId: string;
  content: Record<string, unknown>;
  savedAt: string;
}

export interface Outcome {
  number: number;
  title: string;
  met: boolean;
  missing: string[];
}

export interface FinalTestStatus {
  status: 'not-started' | 'passed' | 'failed';
  attempts: number;
  lastScorePercent?: number;
  canAttempt: boolean;
  nextAttemptAt?: string;
  message?: string;
}

export interface Progress {
  registration: string;
  studyTime: { creditedMinutes: number; thresholdMinutes: number; line: string; perItem: Record<string, number> };
  items: Record<string, { done: boolean }>;
  outcomes: Outcome[];
  finalTest: FinalTestStatus;
  gate: { open: boolean; missing: string[] };
  resumeItemId?: string;
  spinnenweb: Array<{ at: string; scores: Record<string, number> }>;
}

// The contact moment's shapes are the server's own (type-only imports: nothing of the server's
// code reaches the browser bundle).
export type { AdminParticipant, BookingRequest, ContactMomentView, CoachParticipantDetail, CoachParticipantSummary, CoachSlotView, NewSlotInput, RecordContactMomentResult };
export type ContactForm = ContactMomentView['contactMoment']['forms'][number];
export type ReadinessStatus = ContactMomentView['status'];

export interface RegistrationNumberView {
  registers: { id: string; label: string; format: string }[];
  registrationNumber: { registerId: string; number: string; consentedAt: string } | null;
}

export type { AccreditationReportRow };

export interface AdminParticipants {
  participants: AdminParticipant[];
  coaches: Array<{ userId: string; name: string; email: string }>;
}

export interface FinalTestResult {
  passed: boolean;
  scorePercent: number;
  passMarkPercent: number;
  questions: Array<{ id: string; correct: boolean; feedback: string; correctOptionIds?: string[] }>;
  attemptsUsed: number;
  attemptsLeft: number;
  nextAttemptAt?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}${typeof body === 'object' && body && 'error' in body ? `: ${String((body as { error: unknown }).error)}` : ''}`);
  }

  /** The server's own (Dutch) explanation, when it gave one. */
  get serverMessage(): string | undefined {
    const error = typeof this.body === 'object' && this.body !== null ? (this.body as { error?: unknown }).error : undefined;
    return typeof error === 'string' ? error : undefined;
  }
}

/** The request did not reach the server (offline, DNS, connection reset). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

const TOKEN_KEY = 'token';
/**
 * Where the token is kept: localStorage, so a sign-in lasts across tabs and restarts; in embedded
 * mode (the course in an LMS) sessionStorage, so a launch's session lasts as long as the LMS's tab
 * and never replaces a sign-in to the module itself in the same browser.
 */
let tokenArea: StorageArea = 'local';

export function keepTokenInThisTab(): void {
  tokenArea = 'session';
}

export function storedToken(): string | undefined {
  return readJson<string>(TOKEN_KEY, tokenArea);
}

export function storeToken(token: string): void {
  writeJson(TOKEN_KEY, token, tokenArea);
}

export function forgetToken(): void {
  remove(TOKEN_KEY, tokenArea);
}

let unauthorizedHandler: () => void = () => undefined;

/** What to do when the server says the session is over (401). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export interface RawResponse {
  status: number;
  body: unknown;
}

/** One request; resolves with any HTTP answer, rejects only with NetworkError. */
export async function request(method: string, path: string, body?: unknown, options: { keepalive?: boolean } = {}): Promise<RawResponse> {
  const token = storedToken();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch (error) {
    throw new NetworkError('The server could not be reached', { cause: error });
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (response.status === 401 && token) unauthorizedHandler();
  return { status: response.status, body: parsed };
}

/** A request that must succeed (2xx); the answer's JSON body. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(method, path, body);
  if (response.status < 200 || response.status >= 300) throw new ApiError(response.status, response.body);
  return response.body as T;
}

/** A file the server sends to the signed-in person only (the certificate), as a Blob. */
export async function download(path: string): Promise<Blob> {
  const token = storedToken();
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw new NetworkError('The server could not be reached', { cause: error });
  }
  if (response.status === 401 && token) unauthorizedHandler();
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new ApiError(response.status, body);
  }
  return response.blob();
}

export const api = {
  config: () => call<AppConfig>('GET', '/api/config'),
  login: (email: string, password: string) => call<{ token: string; user: { userId: string; name: string } }>('POST', '/auth/login', { email, password }),
  /**
   * A thin SCORM package's launch: its export key and the LMS's learner, exchanged for a
   * participant's token (call it with no token stored: the request must carry no Authorization).
   */
  scormSession: (key: string, learner: string, name: string) => call<ScormSession>('POST', '/scorm/sessions', { key, learner, name }),
  me: () => call<Me>('GET', '/api/me'),
  course: () => call<CourseView>('GET', '/api/course'),
  enrolment: () => call<Enrolment>('GET', '/api/enrolment'),
  drafts: () => call<{ drafts: Draft[] }>('GET', '/api/drafts'),
  progress: () => call<Progress>('GET', '/api/progress'),
  putDraft: (itemId: string, content: Record<string, unknown>, keepalive = false) =>
    request('PUT', `/api/drafts/${encodeURIComponent(itemId)}`, { content }, { keepalive }),
  postStatements: (statements: Statement[]) => request('POST', '/api/statements', statements),
  finalTest: (attemptId: string, answers: Record<string, string[]>, activeIntervals: ReadonlyArray<readonly [string, string]>) =>
    call<FinalTestResult>('POST', '/api/final-test', { attemptId, answers, ...(activeIntervals.length > 0 ? { activeIntervals } : {}) }),

  // The participant's contact moment and certificate
  contactMoment: () => call<ContactMomentView>('GET', '/api/contact-moment'),
  book: (request: BookingRequest) => call<unknown>('POST', '/api/contact-moment/booking', request),
  cancelBooking: () => call<unknown>('DELETE', '/api/contact-moment/booking'),
  setConsent: (shareWithCoach: boolean) => call<{ shareWithCoach: boolean; changedAt: string }>('PUT', '/api/consent', { shareWithCoach }),
  certificate: () => download('/api/certificate'),
  // The registration number for the accreditation report (stored only with consent)
  registrationNumber: () => call<RegistrationNumberView>('GET', '/api/registration-number'),
  saveRegistrationNumber: (input: { registerId: string; number: string; consent: boolean }) =>
    call<{ registerId: string; number: string; consentedAt: string }>('PUT', '/api/registration-number', input),
  withdrawRegistrationNumber: () => call<unknown>('DELETE', '/api/registration-number'),
  // The accreditation body's report
  accreditationReport: (query: string) => call<{ rows: AccreditationReportRow[] }>('GET', `/api/accreditation/report?${query}`),
  accreditationCsv: (query: string) => download(`/api/accreditation/report.csv?${query}`),
  /** Everything kept about the participant, as JSON (their right of access). */
  myData: () => download('/api/me/export'),
  /** Erases everything but the pseudonymised completion record (their right to erasure). */
  eraseMyData: (confirmation: string) => call<{ erasedAt: string; certificateKept: boolean }>('POST', '/api/me/erasure', { confirmation }),

  // The coach's workspace
  coachParticipants: () => call<{ participants: CoachParticipantSummary[] }>('GET', '/api/coach/participants'),
  coachParticipant: (registration: string) => call<CoachParticipantDetail>('GET', `/api/coach/participants/${encodeURIComponent(registration)}`),
  coachSlots: () => call<{ slots: CoachSlotView[] }>('GET', '/api/coach/slots'),
  createSlot: (slot: NewSlotInput) => call<CoachSlotView>('POST', '/api/coach/slots', slot),
  deleteSlot: (slotId: string) => call<unknown>('DELETE', `/api/coach/slots/${encodeURIComponent(slotId)}`),
  recordContactMoment: (input: { registration: string; attended: boolean; answers: Record<string, string | number> }) =>
    call<RecordContactMomentResult>('POST', '/api/coach/contact-moments', input),

  // The admin's assignment of coaches
  adminParticipants: () => call<AdminParticipants>('GET', '/api/admin/participants'),
  eraseParticipant: (userId: string, confirmation: string) =>
    call<{ userId: string; erasedAt: string; certificateKept: boolean }>('POST', `/api/admin/participants/${encodeURIComponent(userId)}/erasure`, { confirmation }),
  assignCoach: (userId: string, coachId: string) => call<AdminParticipant>('PUT', `/api/admin/participants/${encodeURIComponent(userId)}/coach`, { coachId }),

  // Imported SCORM packages: the participant's sittings, the admin's uploads
  packageLaunch: (itemId: string) => call<PackageLaunch>('GET', `/api/me/packages/${encodeURIComponent(itemId)}`),
  /** One event of a sitting; the raw answer, so the caller decides what to retry. */
  putSitting: (itemId: string, sittingId: string, body: { event: SittingEvent; runtime: Runtime }, keepalive = false) =>
    request('PUT', `/api/me/packages/${encodeURIComponent(itemId)}/sittings/${encodeURIComponent(sittingId)}`, body, { keepalive }),
  adminPackages: () => call<{ packages: PackageSummary[] }>('GET', '/api/admin/packages'),
  removePackage: (packageId: string) => call<unknown>('DELETE', `/api/admin/packages/${encodeURIComponent(packageId)}`),
  uploadPackage: (input: NewPackage) => call<{ package: PackageSummary }>('POST', '/api/admin/packages', input),

  // SCORM exports of the course for organisations' own LMSs (the admin)
  adminScormExports: () => call<{ exports: ScormExport[] }>('GET', '/api/admin/scorm-exports'),
  createScormExport: (organisation: string) => call<NewScormExport>('POST', '/api/admin/scorm-exports', { organisation }),
  revokeScormExport: (exportId: string) => call<{ export: ScormExport }>('POST', `/api/admin/scorm-exports/${encodeURIComponent(exportId)}/revoke`),
};

/** An export as the admin's list shows it (functions/handlers/app/admin-scorm-exports-list.ts). */
export interface ScormExport {
  exportId: string;
  organisation: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  learnerCount: number;
  lastLaunchAt: string | null;
  learners: Array<{ userId: string; name: string; firstLaunchAt: string; lastLaunchAt: string }>;
}

/** A new export with its two packages, the only time they can be downloaded. */
export interface NewScormExport {
  export: Omit<ScormExport, 'learners'>;
  packages: Array<{ version: '1.2' | '2004'; fileName: string; zipBase64: string }>;
}
