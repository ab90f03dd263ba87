/**
 * Statements the participant app sends (POST /api/statements). The LRS accepts any valid
 * statement from an xAPI client; statements from a signed-in participant must in addition be
 * about that participant, in their own enrolment, follow a template of the course profile, and not
 * be one that only the module itself may record (the final-test result, the gate, the contact
 * moment, completion).
 */
import type { AuthorityAgent } from '../auth/principal.js';
import { ForbiddenError, ValidationError, type ErrorIssue } from '../errors.js';
import { validateStatement } from '../xapi/profile/matcher.js';
import { ACCOUNT_HOME_PAGE, TEMPLATES } from '../xapi/profile/vocabulary.js';
import type { Statement } from '../xapi/statement-schema.js';
import { storeStatements } from '../xapi/store-statements.js';
import { projectStoredStatements, type ReadinessDeps } from '../readiness/update-readiness.js';

export const SERVER_ONLY_TEMPLATES: ReadonlySet<string> = new Set([
  TEMPLATES.finalTestAttempted,
  TEMPLATES.finalTestPassed,
  TEMPLATES.finalTestFailed,
  TEMPLATES.contactMomentUnlocked,
  TEMPLATES.contactMomentAttended,
  TEMPLATES.courseCompleted,
]);

export interface RecordInput {
  userId: string;
  registration: string;
  statements: readonly Statement[];
  authority: AuthorityAgent;
}

export const recordParticipantStatements =
  (deps: ReadinessDeps) =>
  async (input: RecordInput): Promise<string[]> => {
    const foreign: ErrorIssue[] = [];
    const invalid: ErrorIssue[] = [];
    const serverOnly: ErrorIssue[] = [];
    input.statements.forEach((statement, index) => {
      const path = `statements[${index}]`;
      const account = (statement.actor as { account?: { homePage?: string; name?: string } }).account;
      if (account?.homePage !== ACCOUNT_HOME_PAGE || account.name !== input.userId) {
        foreign.push({ path: `${path}.actor`, message: 'must be the signed-in participant' });
      }
      if (statement.context?.registration?.toLowerCase() !== input.registration.toLowerCase()) {
        foreign.push({ path: `${path}.context.registration`, message: "must be the participant's enrolment registration" });
      }
      const validation = validateStatement(statement);
      if (validation.outcome !== 'success') {
        const problems = Object.values(validation.problems).flat();
        invalid.push({ path, message: problems[0] ?? 'matches no statement template of the course profile' });
      } else if (validation.templates.some((t) => SERVER_ONLY_TEMPLATES.has(t))) {
        serverOnly.push({ path, message: 'only the module itself records this kind of statement' });
      }
    });
    if (foreign.length > 0) throw new ForbiddenError('Statements from the app must be about the signed-in participant, in their own enrolment.', { issues: foreign });
    if (serverOnly.length > 0) throw new ForbiddenError('These statements are recorded by the module itself, not by the app.', { issues: serverOnly });
    if (invalid.length > 0) throw new ValidationError(`${invalid[0]!.path}: ${invalid[0]!.message}`, { issues: invalid });
    const ids = await storeStatements(deps)({ statements: input.statements, authority: input.authority });
    // The readiness projection, at once (the stream applies them again, which changes nothing).
    await projectStoredStatements(deps)(ids);
    return ids;
  };
