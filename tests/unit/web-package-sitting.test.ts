/**
 * Reporting a package sitting to the server (functions/web/package-sitting.ts): in order, one at a
 * time, retried when the server cannot be reached, nothing lost or reordered when it stays away,
 * a waiting commit replaced by a newer one, and the terminate of a page that goes away sent at
 * once with keepalive.
 */
import { describe, expect, it, vi } from 'vitest';
import { NetworkError, type RawResponse } from '../../functions/web/api.js';
import { createSittingReporter, type SittingCallbacks } from '../../functions/web/package-sitting.js';
import type { PackageRecord, Runtime, SittingEvent } from '../../functions/web/package-types.js';

function runtime(overrides: Partial<Runtime> = {}): Runtime {
  return { completion: 'incomplete', success: 'unknown', scoreScaled: null, suspendData: '', location: '', exit: '', sessionTimeMs: null, interactions: [], ...overrides };
}

function recordFor(r: Runtime): PackageRecord {
  return { ...r, totalTimeMs: 0, sittings: 1, updatedAt: '2026-05-12T10:00:00.000Z' } as PackageRecord;
}

interface Sent {
  event: SittingEvent;
  location: string;
  keepalive: boolean;
}

type Answer = RawResponse | 'network';

/** A server that answers each request with the next scripted answer (200 with the record when none is left). */
function fakeServer(answers: Answer[] = []) {
  const sent: Sent[] = [];
  const put = vi.fn(async (body: { event: SittingEvent; runtime: Runtime }, keepalive: boolean): Promise<RawResponse> => {
    sent.push({ event: body.event, location: body.runtime.location, keepalive });
    const answer = answers.shift();
    if (answer === 'network') throw new NetworkError('offline');
    return answer ?? { status: 200, body: { record: recordFor(body.runtime) } };
  });
  return { sent, put };
}

function callbacks() {
  const log: string[] = [];
  let settled = 0;
  const cb: SittingCallbacks = {
    onRecord: (record, event) => log.push(`record:${event}:${record.location}`),
    onFailure: ({ status, retrying }) => log.push(`failure:${status ?? 'network'}:${retrying ? 'retrying' : 'stopped'}`),
    onSettled: () => {
      settled++;
    },
  };
  return { cb, log, settled: () => settled };
}

const until = (condition: () => boolean) => vi.waitFor(() => expect(condition()).toBe(true), { timeout: 2_000, interval: 2 });

describe('a sitting reporter', () => {
  it('sends the events in order, one at a time, and hands on the records', async () => {
    const server = fakeServer();
    const { cb, log, settled } = callbacks();
    const reporter = createSittingReporter({ itemId: 'pakket-0a1b2c3d-item', sittingId: 's1', callbacks: cb, put: server.put, retryDelaysMs: [1] });
    reporter.send('initialize', runtime({ location: 'a' }));
    reporter.send('commit', runtime({ location: 'b' }));
    reporter.send('terminate', runtime({ location: 'c' }));
    await until(() => settled() > 0 && server.sent.length === 3);
    expect(server.sent.map((s) => `${s.event}:${s.location}`)).toEqual(['initialize:a', 'commit:b', 'terminate:c']);
    expect(log).toEqual(['record:initialize:a', 'record:commit:b', 'record:terminate:c']);
    expect(reporter.terminated()).toBe(true);
    reporter.send('commit', runtime({ location: 'd' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.sent).toHaveLength(3);
    reporter.dispose();
  });

  it('retries an event the server could not take, and goes on once it did', async () => {
    const server = fakeServer(['network', { status: 503, body: { error: 'Even niet' } }]);
    const { cb, log, settled } = callbacks();
    const reporter = createSittingReporter({ itemId: 'i', sittingId: 's1', callbacks: cb, put: server.put, retryDelaysMs: [1, 1, 1] });
    reporter.send('initialize', runtime({ location: 'a' }));
    reporter.send('commit', runtime({ location: 'b' }));
    await until(() => settled() > 0);
    expect(server.sent.map((s) => s.event)).toEqual(['initialize', 'initialize', 'initialize', 'commit']);
    expect(log).toEqual(['failure:network:retrying', 'failure:503:retrying', 'record:initialize:a', 'record:commit:b']);
    reporter.dispose();
  });

  it('keeps the event at the head when the retries run out, and sends it first when asked again', async () => {
    const server = fakeServer(['network', 'network']);
    const { cb, log, settled } = callbacks();
    const reporter = createSittingReporter({ itemId: 'i', sittingId: 's1', callbacks: cb, put: server.put, retryDelaysMs: [1] });
    reporter.send('initialize', runtime({ location: 'a' }));
    await until(() => log.includes('failure:network:stopped'));
    expect(settled()).toBe(0);
    reporter.send('commit', runtime({ location: 'b' }));
    await until(() => settled() > 0);
    expect(server.sent.map((s) => `${s.event}:${s.location}`)).toEqual(['initialize:a', 'initialize:a', 'initialize:a', 'commit:b']);
    reporter.dispose();
  });

  it('replaces a waiting commit by a newer one, but never the one being sent', async () => {
    let release: (() => void) | undefined;
    const sent: string[] = [];
    const put = vi.fn(async (body: { event: SittingEvent; runtime: Runtime }): Promise<RawResponse> => {
      sent.push(`${body.event}:${body.runtime.location}`);
      if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return { status: 200, body: { record: recordFor(body.runtime) } };
    });
    const { cb, settled } = callbacks();
    const reporter = createSittingReporter({ itemId: 'i', sittingId: 's1', callbacks: cb, put, retryDelaysMs: [1] });
    reporter.send('commit', runtime({ location: '1' }));
    reporter.send('commit', runtime({ location: '2' }));
    reporter.send('commit', runtime({ location: '3' }));
    reporter.send('commit', runtime({ location: '4' }));
    await until(() => release !== undefined);
    release!();
    await until(() => settled() > 0);
    expect(sent).toEqual(['commit:1', 'commit:4']);
    reporter.dispose();
  });

  it('does not send a refused event again, and says why', async () => {
    const server = fakeServer([{ status: 400, body: { error: 'De gegevens kloppen niet.' } }]);
    const { cb, log, settled } = callbacks();
    const reporter = createSittingReporter({ itemId: 'i', sittingId: 's1', callbacks: cb, put: server.put, retryDelaysMs: [1] });
    reporter.send('commit', runtime({ location: 'a' }));
    reporter.send('commit', runtime({ location: 'b' }));
    await until(() => settled() > 0);
    expect(server.sent.map((s) => s.location)).toEqual(['a', 'b']);
    expect(log).toEqual(['failure:400:stopped', 'record:commit:b']);
    reporter.dispose();
  });

  it('terminates at once with keepalive when the page goes away, dropping older waiting commits', async () => {
    let release: (() => void) | undefined;
    const sent: Sent[] = [];
    const put = vi.fn(async (body: { event: SittingEvent; runtime: Runtime }, keepalive: boolean): Promise<RawResponse> => {
      sent.push({ event: body.event, location: body.runtime.location, keepalive });
      if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve));
      // The in-flight initialize arrives after the keepalive terminate: the server says 409.
      if (body.event === 'initialize') return { status: 409, body: { error: 'Al afgesloten' } };
      return { status: 200, body: { record: recordFor(body.runtime) } };
    });
    const { cb, log } = callbacks();
    const reporter = createSittingReporter({ itemId: 'i', sittingId: 's1', callbacks: cb, put, retryDelaysMs: [1] });
    reporter.send('initialize', runtime({ location: 'a' }));
    reporter.send('commit', runtime({ location: 'b' }));
    await until(() => release !== undefined);
    reporter.terminateNow(runtime({ location: 'c', exit: 'suspend' }));
    expect(reporter.terminated()).toBe(true);
    await until(() => sent.length === 2);
    expect(sent[1]).toEqual({ event: 'terminate', location: 'c', keepalive: true });
    release!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent.map((s) => s.event)).toEqual(['initialize', 'terminate']);
    // The 409 of our own late initialize is expected, not a failure to show.
    expect(log.filter((line) => line.startsWith('failure'))).toEqual([]);
    reporter.dispose();
  });

  it('falls back to a plain request when keepalive refuses the body', async () => {
    const server = fakeServer(['network']);
    const { cb } = callbacks();
    const reporter = createSittingReporter({ itemId: 'i', sittingId: 's1', callbacks: cb, put: server.put, retryDelaysMs: [1] });
    reporter.terminateNow(runtime({ location: 'c', suspendData: 'x'.repeat(64_000) }));
    await until(() => server.sent.length === 2);
    expect(server.sent.map((s) => [s.event, s.keepalive])).toEqual([
      ['terminate', true],
      ['terminate', false],
    ]);
    reporter.dispose();
  });
});
