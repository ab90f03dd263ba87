/**
 * Forwarding targets: an admin creates, lists, updates and disables them. The secret is stored
 * (the forwarder needs it to sign in at the target) but never shown again.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import '../zod-locale.js';
import { NotFoundError } from '../errors.js';
import { FORWARDABLE_ACTIVITY_TYPES, FORWARDABLE_VERBS } from './policy.js';
import type { ForwardingTarget, ForwardingTargetStore, ForwardingTargetView } from './ports.js';

const Endpoint = z.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of the xAPI endpoint, e.g. https://lrs.example.nl/xapi' }), z.transform((url) => url.replace(/\/+$/, '')));
const Filter = z.strictObject({
  verbs: z._default(z.array(z.enum(FORWARDABLE_VERBS as [string, ...string[]], { error: `only accreditation-relevant verbs can be forwarded: ${FORWARDABLE_VERBS.join(', ')}` })), []),
  activityTypes: z._default(z.array(z.enum(FORWARDABLE_ACTIVITY_TYPES as [string, ...string[]], { error: `only accreditation-relevant activity types can be forwarded: ${FORWARDABLE_ACTIVITY_TYPES.join(', ')}` })), []),
});

export const CreateTargetInput = z.strictObject({
  accreditationBody: z.string().check(z.trim(), z.minLength(1, 'Name the accreditation body.'), z.maxLength(200)),
  endpoint: Endpoint,
  key: z.string().check(z.minLength(1, 'Give the Basic key (user name) at the target LRS.'), z.maxLength(200)),
  secret: z.string().check(z.minLength(1, 'Give the Basic secret at the target LRS.'), z.maxLength(500)),
  /** Omitted or empty lists: every accreditation-relevant statement. */
  filter: z._default(Filter, { verbs: [], activityTypes: [] }),
});
export type CreateTargetInput = z.infer<typeof CreateTargetInput>;

export const UpdateTargetInput = z.strictObject({
  accreditationBody: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  endpoint: z.optional(Endpoint),
  key: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  secret: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  filter: z.optional(Filter),
  enabled: z.optional(z.boolean()),
});
export type UpdateTargetInput = z.infer<typeof UpdateTargetInput>;

export interface TargetDeps {
  targets: ForwardingTargetStore;
  now: () => Date;
}

export function toView(target: ForwardingTarget): ForwardingTargetView {
  const { secret: _secret, ...rest } = target;
  return { ...rest, secretSet: true };
}

export function createTarget(deps: TargetDeps) {
  return async (input: CreateTargetInput): Promise<ForwardingTargetView> => {
    const at = deps.now().toISOString();
    const target: ForwardingTarget = { targetId: randomUUID(), ...input, enabled: true, createdAt: at, updatedAt: at };
    await deps.targets.put(target);
    return toView(target);
  };
}

export function listTargets(deps: Pick<TargetDeps, 'targets'>) {
  return async (): Promise<ForwardingTargetView[]> => (await deps.targets.list()).map(toView);
}

export function updateTarget(deps: TargetDeps) {
  return async (targetId: string, input: UpdateTargetInput): Promise<ForwardingTargetView> => {
    const current = await deps.targets.get(targetId);
    if (!current) throw new NotFoundError(`There is no forwarding target ${targetId}.`);
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<ForwardingTarget>;
    const next: ForwardingTarget = { ...current, ...defined, updatedAt: deps.now().toISOString() };
    await deps.targets.put(next);
    return toView(next);
  };
}

export function disableTarget(deps: TargetDeps) {
  return (targetId: string) => updateTarget(deps)(targetId, { enabled: false });
}
