/**
 * SCORM packages built in memory for tests: a good SCORM 1.2 and a good SCORM 2004 4th Edition
 * package, each with one small SCO that really talks to the LMS API (a browser test can play it in
 * a sandboxed iframe with scorm-again as the runtime), and hostile packages that must be refused.
 *
 * Each SCO page exposes `window.sco` (start, answer, complete, suspend, finish) and buttons that
 * call it, and keeps every API call it made in `window.sco.calls`.
 */
import { readZipDirectory, writeZip, type ZipFileInput } from '../../functions/core/scorm/zip.js';

const encoder = new TextEncoder();
const file = (path: string, text: string): ZipFileInput => ({ path, data: encoder.encode(text) });

const SCO_BUTTONS = `
  <p id="status" role="status">Niet gestart</p>
  <button type="button" id="start" onclick="sco.start()">Start</button>
  <button type="button" id="answer-correct" onclick="sco.answer(true)">Goed antwoord</button>
  <button type="button" id="answer-wrong" onclick="sco.answer(false)">Fout antwoord</button>
  <button type="button" id="complete" onclick="sco.complete(true)">Afronden (gehaald)</button>
  <button type="button" id="suspend" onclick="sco.suspend('pagina=2')">Pauzeren</button>
  <button type="button" id="finish" onclick="sco.finish()">Afsluiten</button>`;

// Shared by both SCOs: find the API object in a parent frame or the opener, as the SCORM run-time
// specifications describe, and record each call for the test that drives the page.
const FIND_API_SCRIPT = `
  function findApi(name) {
    for (var win = window, depth = 0; win && depth < 10; depth++) {
      if (win[name]) return win[name];
      if (win.parent === win) break;
      win = win.parent;
    }
    return window.opener && window.opener[name] ? window.opener[name] : null;
  }
  function show(text) {
    var status = document.getElementById('status');
    if (status) status.textContent = text;
  }
  var calls = [];
  function recorder(api) {
    return function (method) {
      var args = Array.prototype.slice.call(arguments, 1);
      var result = api[method].apply(api, args);
      calls.push({ method: method, args: args, result: result });
      return result;
    };
  }`;

export const SCORM12_SCO_HTML = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Test-SCO (SCORM 1.2)</title></head>
<body>
  <h1>Test-SCO (SCORM 1.2)</h1>${SCO_BUTTONS}
  <script>
  (function () {${FIND_API_SCRIPT}
    var call = null, startedAt = 0, interactions = 0;
    function set(element, value) { return call('LMSSetValue', element, String(value)); }
    function pad(n, width) { return String(n).padStart(width, '0'); }
    // CMITimespan: HHHH:MM:SS.SS
    function timespan(ms) {
      var s = ms / 1000;
      return pad(Math.floor(s / 3600), 4) + ':' + pad(Math.floor(s / 60) % 60, 2) + ':' + (s % 60).toFixed(2).padStart(5, '0');
    }
    window.sco = {
      calls: calls,
      start: function () {
        var api = findApi('API');
        if (!api) { show('Geen SCORM 1.2-API gevonden'); return false; }
        call = recorder(api);
        if (call('LMSInitialize', '') !== 'true') return false;
        startedAt = Date.now();
        if (call('LMSGetValue', 'cmi.core.lesson_status') === 'not attempted') set('cmi.core.lesson_status', 'incomplete');
        show('Gestart; bewaard: ' + call('LMSGetValue', 'cmi.suspend_data'));
        return true;
      },
      answer: function (correct) {
        var prefix = 'cmi.interactions.' + interactions + '.';
        set(prefix + 'id', 'vraag-' + (interactions + 1));
        set(prefix + 'type', 'choice');
        set(prefix + 'correct_responses.0.pattern', 'a');
        set(prefix + 'student_response', correct ? 'a' : 'b');
        set(prefix + 'result', correct ? 'correct' : 'wrong');
        set(prefix + 'time', new Date().toTimeString().slice(0, 8));
        interactions++;
        return call('LMSCommit', '') === 'true';
      },
      complete: function (passed) {
        set('cmi.core.score.raw', passed ? 80 : 40);
        set('cmi.core.lesson_status', passed ? 'passed' : 'failed');
        return call('LMSCommit', '') === 'true';
      },
      suspend: function (data) {
        set('cmi.suspend_data', data);
        set('cmi.core.exit', 'suspend');
        return call('LMSCommit', '') === 'true';
      },
      finish: function () {
        set('cmi.core.session_time', timespan(Date.now() - startedAt));
        var finished = call('LMSFinish', '') === 'true';
        show(finished ? 'Afgesloten' : 'Afsluiten mislukt');
        return finished;
      }
    };
  })();
  </script>
</body>
</html>
`;

export const SCORM2004_SCO_HTML = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Test-SCO (SCORM 2004)</title></head>
<body>
  <h1>Test-SCO (SCORM 2004)</h1>${SCO_BUTTONS}
  <script>
  (function () {${FIND_API_SCRIPT}
    var call = null, startedAt = 0, interactions = 0;
    function set(element, value) { return call('SetValue', element, String(value)); }
    // ISO 8601 duration, as cmi.session_time wants it.
    function duration(ms) { return 'PT' + (ms / 1000).toFixed(2) + 'S'; }
    window.sco = {
      calls: calls,
      start: function () {
        var api = findApi('API_1484_11');
        if (!api) { show('Geen SCORM 2004-API gevonden'); return false; }
        call = recorder(api);
        if (call('Initialize', '') !== 'true') return false;
        startedAt = Date.now();
        if (call('GetValue', 'cmi.completion_status') !== 'completed') set('cmi.completion_status', 'incomplete');
        show('Gestart; bewaard: ' + call('GetValue', 'cmi.suspend_data'));
        return true;
      },
      answer: function (correct) {
        var prefix = 'cmi.interactions.' + interactions + '.';
        set(prefix + 'id', 'vraag-' + (interactions + 1));
        set(prefix + 'type', 'choice');
        set(prefix + 'correct_responses.0.pattern', 'a');
        set(prefix + 'learner_response', correct ? 'a' : 'b');
        set(prefix + 'result', correct ? 'correct' : 'incorrect');
        set(prefix + 'timestamp', new Date().toISOString().slice(0, 19));
        interactions++;
        return call('Commit', '') === 'true';
      },
      complete: function (passed) {
        set('cmi.score.scaled', passed ? 0.8 : 0.4);
        set('cmi.completion_status', 'completed');
        set('cmi.success_status', passed ? 'passed' : 'failed');
        return call('Commit', '') === 'true';
      },
      suspend: function (data) {
        set('cmi.suspend_data', data);
        set('cmi.exit', 'suspend');
        return call('Commit', '') === 'true';
      },
      finish: function () {
        set('cmi.session_time', duration(Date.now() - startedAt));
        var finished = call('Terminate', '') === 'true';
        show(finished ? 'Afgesloten' : 'Afsluiten mislukt');
        return finished;
      }
    };
  })();
  </script>
</body>
</html>
`;

const SHARED_CSS = 'body { font-family: sans-serif; }\n';

/**
 * A SCORM 1.2 manifest as an authoring tool writes one: the SCO in a folder reached through
 * xml:base, a shared stylesheet as an asset it depends on. The options replace the SCO's href and
 * scormtype, to make a hostile manifest.
 */
export function scorm12Manifest(options: { scoHref?: string; scormType?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.test12" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>Testcursus SCORM 1.2</title>
      <item identifier="ITEM-1" identifierref="RES-SCO" isvisible="true">
        <title>Les 1</title>
        <adlcp:masteryscore>70</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-SCO" type="webcontent" adlcp:scormtype="${options.scormType ?? 'sco'}" xml:base="sco/" href="${options.scoHref ?? 'index.html'}">
      <file href="index.html"/>
      <dependency identifierref="RES-SHARED"/>
    </resource>
    <resource identifier="RES-SHARED" type="webcontent" adlcp:scormtype="asset">
      <file href="shared/style.css"/>
    </resource>
  </resources>
</manifest>
`;
}

export function scorm2004Manifest(options: { scoHref?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.test2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1" adlseq:objectivesGlobalToSystem="false">
      <title>Testcursus SCORM 2004</title>
      <item identifier="ITEM-1" identifierref="RES-SCO" parameters="?taal=nl">
        <title>Les 1</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-SCO" type="webcontent" adlcp:scormType="sco" href="${options.scoHref ?? 'content/les%201.html'}">
      <file href="content/les%201.html"/>
      <file href="shared/style.css"/>
    </resource>
  </resources>
</manifest>
`;
}

/** A valid SCORM 1.2 package; launch "sco/index.html". */
export function scorm12Package(extraFiles: readonly ZipFileInput[] = [], manifest = scorm12Manifest()): Uint8Array {
  return writeZip([
    file('imsmanifest.xml', manifest),
    file('sco/index.html', SCORM12_SCO_HTML),
    file('shared/style.css', SHARED_CSS),
    ...extraFiles,
  ]);
}

/** A valid SCORM 2004 4th Edition package; launch "content/les%201.html?taal=nl". */
export function scorm2004Package(extraFiles: readonly ZipFileInput[] = [], manifest = scorm2004Manifest()): Uint8Array {
  return writeZip([
    file('imsmanifest.xml', manifest),
    file('content/les 1.html', SCORM2004_SCO_HTML),
    file('shared/style.css', SHARED_CSS),
    ...extraFiles,
  ]);
}

/** The 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`lineOf: ${needle} not found`);
  return index + 1;
}

// Hostile packages. Each is a good package with one thing wrong, so the refusal must name that thing.

export function pathTraversalPackage(): Uint8Array {
  return scorm12Package([file('../evil.js', 'alert(1)')]);
}

export function hrefOutsidePackage(scoHref: '../../etc/passwd' | 'http://evil.example/x.html'): Uint8Array {
  return scorm12Package([], scorm12Manifest({ scoHref }));
}

/** `size` bytes of noise (incompressible), for a file over a test's injected per-file limit. */
export function oversizedFilePackage(size: number): Uint8Array {
  const noise = new Uint8Array(size);
  for (let index = 0, x = 1; index < size; index++) noise[index] = x = (x * 1103515245 + 12345) & 0xff;
  return scorm12Package([{ path: 'media/video.mp4', data: noise }]);
}

/** An entry of zeros: some 5 MB that deflate to a few KB, a compression ratio near 1000. */
export function zipBombPackage(): Uint8Array {
  return scorm12Package([{ path: 'media/padding.bin', data: new Uint8Array(5 * 1024 * 1024) }]);
}

/**
 * A zip bomb that lies: the zip says "media/small.bin" is 100 bytes, its data inflates to 5 MB.
 * Only a guard while inflating can catch it.
 */
export function lyingSizePackage(): Uint8Array {
  const zip = scorm12Package([{ path: 'media/small.bin', data: new Uint8Array(5 * 1024 * 1024) }]);
  const entry = readZipDirectory(zip, 100).find((e) => e.name === 'media/small.bin')!;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  view.setUint32(entry.centralHeaderOffset + 24, 100, true);
  view.setUint32(entry.localHeaderOffset + 22, 100, true);
  return zip;
}

export function symlinkPackage(): Uint8Array {
  return scorm12Package([{ path: 'sco/passwd', data: encoder.encode('/etc/passwd'), unixMode: 0o120777 }]);
}

/** "sco/./index.html" is "sco/index.html" once stored. */
export function duplicateNamePackage(): Uint8Array {
  return scorm12Package([file('sco/./index.html', '<p>andere versie</p>')]);
}

/** adlcp:scormtype="SCO": the schema allows only "sco" and "asset". */
export function invalidManifestPackage(): Uint8Array {
  return scorm12Package([], scorm12Manifest({ scormType: 'SCO' }));
}
