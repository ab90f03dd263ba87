/** How a participant appears in the course's statements: an Agent with an account on the course site. */
import { agentKey } from '../xapi/agents.js';
import { ACCOUNT_HOME_PAGE } from '../xapi/profile/vocabulary.js';

export function participantAgentKey(userId: string): string {
  return agentKey({ account: { homePage: ACCOUNT_HOME_PAGE, name: userId } })!;
}

/** The index key of one participant's statements in one enrolment (the course's hot path). */
export function enrolmentStatementsKey(userId: string, registration: string): string {
  return `agentreg|${participantAgentKey(userId)}|${registration.toLowerCase()}`;
}
