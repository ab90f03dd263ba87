/**
 * The participant's consent to let their coach see their spinnenweb and reflections before the
 * meeting (health-related data, GDPR art. 9): explicit, revocable at any moment, not given until
 * the participant gives it. Stored with the moment it was last given or withdrawn.
 */
import type { Enrolment } from '../enrolment/ports.js';
import type { CoachConsent, ConsentStore } from './ports.js';

export const setCoachConsent =
  (deps: { consents: ConsentStore; now: () => Date }) =>
  async (input: { enrolment: Enrolment; shared: boolean }): Promise<CoachConsent> => {
    const consent: CoachConsent = { registration: input.enrolment.registration, shared: input.shared, changedAt: deps.now().toISOString() };
    await deps.consents.put(consent);
    return consent;
  };
