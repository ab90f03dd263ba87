/** An admin replays dead letters: each goes back to pending and into the queue again. */
import type { DeliveryStateStore, ForwardQueue } from './ports.js';

export interface ReplayDeps {
  deliveries: DeliveryStateStore;
  queue: ForwardQueue;
  now: () => Date;
}

/** Replays the target's dead letters (only `statementIds` when given); returns the ids replayed. */
export function replayDeadLetters(deps: ReplayDeps) {
  return async (targetId: string, statementIds?: readonly string[]): Promise<string[]> => {
    const dead = (await deps.deliveries.listDead(targetId)).filter((d) => !statementIds || statementIds.includes(d.statementId));
    const replayed = [];
    for (const state of dead.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))) {
      if (!(await deps.deliveries.revive(targetId, state.statementId, deps.now()))) continue;
      replayed.push(state);
    }
    if (replayed.length > 0) {
      const replayedAt = deps.now().toISOString();
      await deps.queue.enqueue(replayed.map((s) => ({ targetId, statementId: s.statementId, seq: s.seq, groupId: s.groupId, replayedAt })));
    }
    return replayed.map((s) => s.statementId);
  };
}
