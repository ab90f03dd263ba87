/**
 * GET query latency with 1k and with 50k statements stored. Every request path reads index
 * partitions by key, so the ratio should stay near 1.
 */
import { randomUUID } from 'node:crypto';
import type { LocalApp } from '../support/local-app.js';
import { benchStatement } from './ingest.js';
import { median, runConcurrently } from './stats.js';

const target = { objectType: 'Agent', name: 'Bench Target', mbox: 'mailto:bench-target@voorbeeld.nl' };

export interface QueryFigures {
  label: string;
  small: number;
  large: number;
}

function queries(registration: string): Record<string, string> {
  return {
    'agent + registration': `agent=${encodeURIComponent(JSON.stringify(target))}&registration=${registration}&limit=10`,
    agent: `agent=${encodeURIComponent(JSON.stringify(target))}&limit=10`,
    'verb (shared by all)': `verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/experienced')}&limit=10`,
    'activity + related': `activity=${encodeURIComponent('https://introductie-pg.nl/xapi/course/introductie')}&related_activities=true&limit=10`,
    'no filter': 'limit=10',
  };
}

async function postAll(app: LocalApp, statements: unknown[]): Promise<void> {
  const batches: unknown[][] = [];
  for (let i = 0; i < statements.length; i += 50) batches.push(statements.slice(i, i + 50));
  await runConcurrently(batches, 16, async (batch) => {
    const response = await app.fetch('/xapi/statements', {
      method: 'POST',
      headers: { authorization: app.basicAuth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (response.status !== 200) throw new Error(`POST failed: ${response.status} ${await response.text()}`);
  });
}

async function measure(app: LocalApp, query: string, runs = 30): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const response = await app.fetch(`/xapi/statements?${query}`, { headers: { authorization: app.basicAuth, 'x-experience-api-version': '1.0.3' } });
    if (response.status !== 200) throw new Error(`GET failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    latencies.push(performance.now() - start);
  }
  return median(latencies);
}

export async function benchQuery(app: LocalApp, sizes = { small: 1_000, large: 50_000 }, onProgress: (text: string) => void = () => undefined): Promise<QueryFigures[]> {
  const registration = randomUUID();
  const ownStatements = Array.from({ length: 100 }, (_, i) => ({ ...benchStatement(i, registration), actor: target }));
  const noise = (count: number) => Array.from({ length: count }, (_, i) => benchStatement(i));
  await postAll(app, [...ownStatements, ...noise(sizes.small - ownStatements.length)]);
  const plan = queries(registration);
  const small: Record<string, number> = {};
  for (const [label, query] of Object.entries(plan)) small[label] = await measure(app, query);
  onProgress(`  loading ${sizes.large - sizes.small} more statements ...`);
  await postAll(app, noise(sizes.large - sizes.small));
  const rows: QueryFigures[] = [];
  for (const [label, query] of Object.entries(plan)) rows.push({ label, small: small[label]!, large: await measure(app, query) });
  return rows;
}
