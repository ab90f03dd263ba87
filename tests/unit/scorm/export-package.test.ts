import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/core/errors.js';
import { BRIDGE_PROTOCOL, launchFragment, parseCourseMessage } from '../../../functions/core/scorm/bridge-protocol.js';
import { buildThinPackage, type ThinPackageInput } from '../../../functions/core/scorm/export-package.js';
import { inspectPackage } from '../../../functions/core/scorm/inspect-package.js';
import { BRIDGE_SCRIPT, configScript, COURSE_MESSAGE_CHECK_SCRIPT, LAUNCH_MESSAGES } from '../../../functions/core/scorm/launch-page.js';
import type { ScormVersion } from '../../../functions/core/scorm/versions.js';
import { inflateEntry, readZipDirectory } from '../../../functions/core/scorm/zip.js';

const KEY = 'org-key_0123456789abcdef';

function exportInput(overrides: Partial<ThinPackageInput> = {}): ThinPackageInput {
  return {
    version: '1.2',
    moduleUrl: 'https://ipg.example.nl',
    exportKey: KEY,
    organisation: 'GGD Voorbeeld',
    courseTitle: 'Introductie Positieve Gezondheid',
    courseIdentifier: 'introductie-positieve-gezondheid',
    ...overrides,
  };
}

function filesOf(zip: Uint8Array): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readZipDirectory(zip, 100)) {
    const data = inflateEntry(zip, entry);
    if (!data.ok) throw new Error(`${entry.name}: ${data.problem}`);
    files.set(entry.name, new TextDecoder().decode(data.data));
  }
  return files;
}

/** Runs config.js as a browser would and returns what it set. */
function configOf(zip: Uint8Array): Record<string, unknown> {
  const window: Record<string, unknown> = {};
  runInNewContext(filesOf(zip).get('config.js')!, { window });
  return window.IPG_SCORM_CONFIG as Record<string, unknown>;
}

describe('buildThinPackage', () => {
  it.each<[ScormVersion, string[]]>([
    ['1.2', ['adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmd_rootv1p2p1.xsd']],
    [
      '2004',
      [
        'adlcp_v1p3.xsd',
        'adlnav_v1p3.xsd',
        'adlseq_v1p3.xsd',
        'imscp_v1p1.xsd',
        'imsss_v1p0.xsd',
        'imsss_v1p0auxresource.xsd',
        'imsss_v1p0control.xsd',
        'imsss_v1p0delivery.xsd',
        'imsss_v1p0limit.xsd',
        'imsss_v1p0objective.xsd',
        'imsss_v1p0random.xsd',
        'imsss_v1p0rollup.xsd',
        'imsss_v1p0seqrule.xsd',
        'imsss_v1p0util.xsd',
        'xml.xsd',
      ],
    ],
  ])('builds a SCORM %s package that passes the import checks, launching index.html', async (version, schemas) => {
    const zip = await buildThinPackage(exportInput({ version }));
    const inspection = await inspectPackage(zip);
    expect(inspection).toMatchObject({
      ok: true,
      version,
      launch: 'index.html',
      title: 'Introductie Positieve Gezondheid (GGD Voorbeeld)',
    });
    expect(inspection.ok && inspection.files.map((file) => file.path)).toEqual([
      'imsmanifest.xml',
      'index.html',
      'bridge.js',
      'config.js',
      ...schemas,
    ]);
    expect(configOf(zip)).toEqual({
      version,
      launchUrl: 'https://ipg.example.nl/scorm/launch',
      moduleOrigin: 'https://ipg.example.nl',
      exportKey: KEY,
      courseTitle: 'Introductie Positieve Gezondheid',
    });
  });

  it('gives the same bytes for the same input', async () => {
    expect(await buildThinPackage(exportInput())).toEqual(await buildThinPackage(exportInput()));
  });

  it('keeps a module path and escapes what config.js and index.html carry', async () => {
    const courseTitle = 'Gezond </script><script>alert("x")</script> & "meer"\u2028';
    const zip = await buildThinPackage(exportInput({ moduleUrl: 'https://ipg.example.nl/cursus/', courseTitle, version: '2004' }));
    const files = filesOf(zip);
    expect(files.get('config.js')).not.toMatch(/<|>|&|\u2028/);
    expect(files.get('config.js')).toContain('\\u003c/script\\u003e');
    expect(configOf(zip)).toMatchObject({ launchUrl: 'https://ipg.example.nl/cursus/scorm/launch', courseTitle });
    expect(files.get('index.html')).toContain('<title>Gezond &#60;/script&#62;&#60;script&#62;alert(&#34;x&#34;)');
    // The only scripts are files; nothing inline, for an LMS with a strict Content-Security-Policy.
    expect(files.get('index.html')!.match(/<script[^>]*>/g)).toEqual([
      '<script src="config.js" defer>',
      '<script src="bridge.js" defer>',
    ]);
    expect(files.get('index.html')).toContain(LAUNCH_MESSAGES.loading);
    expect(files.get('bridge.js')).toBe(BRIDGE_SCRIPT);
  });

  it('writes bridge.js in ES2017: esbuild has nothing to lower for an ES2017 browser', () => {
    const asIs = transformSync(BRIDGE_SCRIPT, { loader: 'js', target: 'esnext' }).code;
    expect(transformSync(BRIDGE_SCRIPT, { loader: 'js', target: 'es2017' }).code).toBe(asIs);
    // The check is able to fail: object spread is ES2018.
    const spread = 'var a = { ...b };';
    expect(transformSync(spread, { loader: 'js', target: 'es2017' }).code).not.toBe(transformSync(spread, { loader: 'js', target: 'esnext' }).code);
  });

  it('takes http for this machine only', async () => {
    const zip = await buildThinPackage(exportInput({ moduleUrl: 'http://127.0.0.1:4321' }));
    expect(configOf(zip)).toMatchObject({ moduleOrigin: 'http://127.0.0.1:4321', launchUrl: 'http://127.0.0.1:4321/scorm/launch' });
  });

  it.each([
    ['http://ipg.example.nl', /must start with https:\/\//],
    ['ftp://ipg.example.nl', /must start with https:\/\//],
    ['javascript:alert(1)', /must start with https:\/\//],
    ['ipg.example.nl', /is not a URL/],
    ['https://ipg.example.nl/?org=1', /may not hold a user name, password, query or fragment/],
    ['https://user:pw@ipg.example.nl', /may not hold a user name, password, query or fragment/],
  ])('refuses the module URL %j', async (moduleUrl, message) => {
    const attempt = buildThinPackage(exportInput({ moduleUrl }));
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow(message);
  });

  it.each(['too-short-key', 'x'.repeat(201), 'key with spaces 0123', 'key/with/slash/0123', 'sleutel-ëèê-0123456'])(
    'refuses the export key %j',
    async (exportKey) => {
      await expect(buildThinPackage(exportInput({ exportKey }))).rejects.toThrow(
        'exportKey must be 16 to 200 characters of A-Z, a-z, 0-9, "_" and "-".',
      );
    },
  );
});

describe('the bridge protocol', () => {
  it('writes the launch fragment percent-encoded, in a fixed order', () => {
    expect(launchFragment({ key: KEY, learner: 'deelnemer 42', name: 'Jansen, Anna & Co', entry: '', version: '2004' })).toBe(
      `key=${KEY}&learner=deelnemer%2042&name=Jansen%2C%20Anna%20%26%20Co&entry=&version=2004`,
    );
  });

  const progress = {
    protocol: BRIDGE_PROTOCOL,
    type: 'progress',
    completion: 'completed',
    success: 'passed',
    scoreScaled: 0.85,
    suspendData: 'pagina=3',
    interactions: [
      { id: 'kennischeck-1', type: 'choice', response: 'a,c', result: 'correct', correctPattern: 'a,c' },
      { id: 'stelling-2', type: 'true-false', response: 'false', result: 'incorrect' },
      { id: 'reflectie-1', type: 'other', response: 'Ik let meer op mijn slaap.', result: 'neutral' },
    ],
  };

  it.each<[string, unknown]>([
    ['ready', { protocol: BRIDGE_PROTOCOL, type: 'ready' }],
    ['exit', { protocol: BRIDGE_PROTOCOL, type: 'exit', suspend: true }],
    ['progress, everything', progress],
    ['progress, only completion', { protocol: BRIDGE_PROTOCOL, type: 'progress', completion: 'incomplete' }],
    ['progress, 4096 characters of suspend data', { ...progress, suspendData: 'x'.repeat(4096) }],
  ])('accepts %s', (_name, message) => {
    expect(parseCourseMessage(message)).toEqual(message);
  });

  it.each<[string, unknown]>([
    ['another protocol', { protocol: 'ipg-scorm-bridge/2', type: 'ready' }],
    ['an unknown type', { protocol: BRIDGE_PROTOCOL, type: 'resume', suspendData: '' }],
    ['an unknown field', { protocol: BRIDGE_PROTOCOL, type: 'ready', learner: 'x' }],
    ['exit without suspend', { protocol: BRIDGE_PROTOCOL, type: 'exit' }],
    ['a score above 1', { ...progress, scoreScaled: 1.5 }],
    ['a score that is no number', { ...progress, scoreScaled: Number.NaN }],
    ['suspend data over 4096 characters', { ...progress, suspendData: 'x'.repeat(4097) }],
    ['a completion of 2004 only', { ...progress, completion: 'not attempted' }],
    ['an interaction id with a space', { ...progress, interactions: [{ ...progress.interactions[0], id: 'vraag 1' }] }],
    ['a choice response with "[,]"', { ...progress, interactions: [{ ...progress.interactions[0], response: 'a[,]b' }] }],
    ['a true-false response "t"', { ...progress, interactions: [{ ...progress.interactions[1], response: 't' }] }],
    ['a text response of 256 characters', { ...progress, interactions: [{ ...progress.interactions[2], response: 'x'.repeat(256) }] }],
    ['an interaction result "wrong"', { ...progress, interactions: [{ ...progress.interactions[1], result: 'wrong' }] }],
    ['a string', JSON.stringify({ protocol: BRIDGE_PROTOCOL, type: 'ready' })],
    ['null', null],
  ])('refuses %s', (_name, message) => {
    expect(parseCourseMessage(message)).toBeUndefined();
  });

  // bridge.js cannot import zod; its own check must give the same answers as parseCourseMessage.
  const checkCourseMessage = new Function(`${COURSE_MESSAGE_CHECK_SCRIPT}\nreturn checkCourseMessage;`)() as (
    data: unknown,
  ) => unknown;

  // Valid messages of every kind, each maybe with one field set to a value from a pool in which
  // some values fit and most do not: both checks must take and refuse the same ones.
  const option = fc.constantFrom('a', 'b', 'optie-3', 'x.y');
  const choice = fc.array(option, { minLength: 1, maxLength: 3 }).map((options) => options.join(','));
  const text = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }).filter((t) => !t.startsWith('{') && !t.includes('[,]')), fc.constant('x'.repeat(255)));
  const validInteraction = fc.oneof(
    ...(
      [
        ['choice', choice],
        ['true-false', fc.constantFrom('true', 'false')],
        ['fill-in', text],
        ['other', text],
      ] as const
    ).map(([type, response]) =>
      fc.record(
        {
          id: fc.constantFrom('vraag-1', 'kennischeck_2.b', 'A'),
          type: fc.constant(type),
          response,
          result: fc.constantFrom('correct', 'incorrect', 'neutral'),
          correctPattern: response,
        },
        { requiredKeys: ['id', 'type', 'response', 'result'] },
      ),
    ),
  );
  const validMessage = fc.oneof(
    fc.constant({ protocol: BRIDGE_PROTOCOL, type: 'ready' }),
    fc.record({ protocol: fc.constant(BRIDGE_PROTOCOL), type: fc.constant('exit'), suspend: fc.boolean() }),
    fc.record(
      {
        protocol: fc.constant(BRIDGE_PROTOCOL),
        type: fc.constant('progress'),
        completion: fc.constantFrom('incomplete', 'completed'),
        success: fc.constantFrom('passed', 'failed'),
        scoreScaled: fc.double({ min: 0, max: 1, noNaN: true }),
        suspendData: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('x'.repeat(4096))),
        interactions: fc.array(validInteraction, { minLength: 1, maxLength: 3 }),
      },
      { requiredKeys: ['protocol', 'type', 'completion'] },
    ),
  );
  const fields = ['protocol', 'type', 'suspend', 'completion', 'success', 'scoreScaled', 'suspendData', 'interactions', 'extra'];
  const interactionFields = ['id', 'type', 'response', 'result', 'correctPattern', 'extra'];
  const pool = fc.constantFrom<unknown>(
    undefined, null, '', 'a', 'a,b', 'a[,]b', 'true', 't', '{lang=nl}x', 'vraag 1', 'x'.repeat(256), 'x'.repeat(4097),
    'ready', 'exit', 'progress', 'choice', 'other', 'matching', 'incorrect', 'wrong', 'completed', 'unknown', 'passed',
    0, 1, 1.5, -0.1, Number.NaN, Infinity, true, [], {}, BRIDGE_PROTOCOL,
  );
  const mutated = fc.tuple(
    validMessage,
    fc.option(fc.tuple(fc.boolean(), fc.constantFrom(...fields), fc.constantFrom(...interactionFields), pool), { freq: 3 }),
  ).map(([message, mutation]) => {
    const copy = structuredClone(message) as Record<string, unknown>;
    if (!mutation) return copy;
    const [inInteraction, field, interactionField, value] = mutation;
    const interactions = copy.interactions;
    if (inInteraction && Array.isArray(interactions)) (interactions[0] as Record<string, unknown>)[interactionField] = value;
    else copy[field] = value;
    return copy;
  });

  it("bridge.js's check agrees with parseCourseMessage on generated messages", () => {
    let valid = 0;
    let refused = 0;
    fc.assert(
      fc.property(mutated, (candidate) => {
        const accepted = parseCourseMessage(candidate) !== undefined;
        if (accepted) valid++;
        else refused++;
        expect(checkCourseMessage(candidate) !== null).toBe(accepted);
      }),
      { numRuns: 5000 },
    );
    // Both answers must be common, or the comparison says little.
    expect(Math.min(valid, refused)).toBeGreaterThan(1000);
  });
});

/**
 * bridge.js in Node against a recording LMS API and the least DOM it needs; the browser test
 * plays the common path, these the edges (session times, leaving without an exit, no LMS).
 */
function runBridge(version: ScormVersion, options: { withApi?: boolean } = {}) {
  const calls: string[] = [];
  const api = new Proxy(
    {},
    {
      get: (_, method: string) => (element: string, value?: string) => {
        calls.push(value === undefined ? `${method}(${element})` : `${method}(${element}, ${value})`);
        if (method === 'GetValue' || method === 'LMSGetValue') return element.endsWith('_count') ? '0' : '';
        return 'true';
      },
    },
  );
  const listeners: Record<string, ((event: unknown) => void)[]> = {};
  const course = { postMessage: () => undefined };
  const frame = { style: {}, setAttribute: () => undefined, contentWindow: course, src: '', parentNode: { removeChild: () => undefined } };
  const status = { textContent: '', hidden: false };
  const parent: Record<string, unknown> = options.withApi === false ? {} : { [version === '1.2' ? 'API' : 'API_1484_11']: api };
  parent.parent = parent;
  const window = {
    parent,
    opener: null,
    addEventListener: (type: string, listener: (event: unknown) => void) => (listeners[type] ??= []).push(listener),
  };
  let now = Date.UTC(2026, 2, 2, 9);
  const FakeDate = Object.assign(function () {}, { now: () => now });
  const context = {
    window,
    document: { getElementById: () => status, createElement: () => frame, body: { style: {}, appendChild: () => undefined } },
    Date: FakeDate,
  };
  const config = { version, launchUrl: 'https://ipg.example.nl/scorm/launch', moduleOrigin: 'https://ipg.example.nl', exportKey: KEY, courseTitle: 'T' };
  runInNewContext(configScript(config) + BRIDGE_SCRIPT, context);
  return {
    calls,
    status,
    frame,
    wait: (ms: number) => (now += ms),
    send: (data: object) => listeners.message?.forEach((l) => l({ origin: config.moduleOrigin, source: course, data: { protocol: BRIDGE_PROTOCOL, ...data } })),
    leave: () => listeners.pagehide?.forEach((l) => l({})),
  };
}

describe('bridge.js', () => {
  it.each<[number, string]>([
    [0, 'PT0S'],
    [4, 'PT0S'],
    [5, 'PT0.01S'],
    [59_990, 'PT59.99S'],
    [3_600_000, 'PT1H'],
    [3_723_456, 'PT1H2M3.46S'],
  ])('reports %i ms as the SCORM 2004 session time %s', (elapsed, sessionTime) => {
    const bridge = runBridge('2004');
    bridge.wait(elapsed);
    bridge.send({ type: 'exit', suspend: false });
    expect(bridge.calls.slice(-3)).toEqual([`SetValue(cmi.session_time, ${sessionTime})`, 'SetValue(cmi.exit, normal)', 'Terminate()']);
  });

  it('reports SCORM 1.2 session times as HH:MM:SS.SS', () => {
    const bridge = runBridge('1.2');
    bridge.wait(3_723_456);
    bridge.send({ type: 'exit', suspend: true });
    expect(bridge.calls.slice(-3)).toEqual(['LMSSetValue(cmi.core.session_time, 01:02:03.46)', 'LMSSetValue(cmi.core.exit, suspend)', 'LMSFinish()']);
  });

  it('suspends when the launch page is left before an exit, and only once', () => {
    const bridge = runBridge('2004');
    bridge.send({ type: 'progress', completion: 'incomplete', scoreScaled: 1 / 3 });
    bridge.leave();
    bridge.leave();
    expect(bridge.calls.filter((call) => !call.startsWith('GetValue'))).toEqual([
      'Initialize()',
      'SetValue(cmi.completion_status, incomplete)',
      'SetValue(cmi.score.scaled, 0.3333)',
      'SetValue(cmi.score.raw, 33.33)',
      'SetValue(cmi.score.min, 0)',
      'SetValue(cmi.score.max, 100)',
      'Commit()',
      'SetValue(cmi.session_time, PT0S)',
      'SetValue(cmi.exit, suspend)',
      'Terminate()',
    ]);
  });

  it('exits normally when the launch page is left after the course was completed; nothing after', () => {
    const bridge = runBridge('1.2');
    bridge.send({ type: 'progress', completion: 'completed' });
    bridge.leave();
    bridge.send({ type: 'progress', completion: 'incomplete' });
    expect(bridge.calls.slice(-4)).toEqual([
      'LMSCommit()',
      'LMSSetValue(cmi.core.session_time, 00:00:00.00)',
      'LMSSetValue(cmi.core.exit, )',
      'LMSFinish()',
    ]);
  });

  it('says the course must be started from the LMS when there is no API, and opens nothing', () => {
    const bridge = runBridge('1.2', { withApi: false });
    expect(bridge.status.textContent).toBe(LAUNCH_MESSAGES.noLms);
    expect(bridge.calls).toEqual([]);
    expect(bridge.frame.src).toBe('');
  });
});
