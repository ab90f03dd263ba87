/**
 * The three web files of a thin SCORM package: `index.html` (the SCO's launch page), `config.js`
 * (where the course is hosted and the organisation's export key, written at build time) and
 * `bridge.js` (the SCORM side of the bridge protocol, see bridge-protocol.ts). No inline script,
 * so an LMS with a strict Content-Security-Policy can still run it; plain ES2017, no dependencies,
 * because the LMS's browser may be old and the package must work offline from the module's code.
 */
import {
  BRIDGE_PROTOCOL,
  CHOICE_OPTION_PATTERN,
  INTERACTION_ID_PATTERN,
  MAX_INTERACTIONS_PER_MESSAGE,
  MAX_SUSPEND_DATA_CHARS,
  MAX_TEXT_RESPONSE_CHARS,
} from './bridge-protocol.js';
import type { ScormVersion } from './versions.js';

export const LAUNCH_PAGE_FILE = 'index.html';
export const CONFIG_SCRIPT_FILE = 'config.js';
export const BRIDGE_SCRIPT_FILE = 'bridge.js';

/** What config.js hands to bridge.js as `window.IPG_SCORM_CONFIG`. */
export interface BridgeConfig {
  readonly version: ScormVersion;
  /** The hosted course's launch page, e.g. "https://ipg.example.nl/scorm/launch". */
  readonly launchUrl: string;
  /** The only origin whose messages the launch page takes, and the only one it posts to. */
  readonly moduleOrigin: string;
  readonly exportKey: string;
  /** The iframe's title, for screen readers. */
  readonly courseTitle: string;
}

export const LAUNCH_MESSAGES = {
  loading: 'De cursus wordt geladen. Een moment geduld.',
  noLms: 'Deze cursus moet vanuit je leeromgeving (LMS) worden gestart.',
  initialiseFailed: 'Je leeromgeving (LMS) kon de cursus niet starten. Sluit dit venster en start de cursus opnieuw.',
  finished: 'De cursus is afgesloten. Je kunt dit venster nu sluiten.',
  noScript: 'Zet JavaScript aan in je browser om deze cursus te volgen.',
} as const;

export function launchPageHtml(courseTitle: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(courseTitle)}</title>
  <link rel="icon" href="data:,">
  <script src="${CONFIG_SCRIPT_FILE}" defer></script>
  <script src="${BRIDGE_SCRIPT_FILE}" defer></script>
</head>
<body>
  <main id="bridge">
    <p id="status" role="status">${escapeHtml(LAUNCH_MESSAGES.loading)}</p>
    <noscript><p>${escapeHtml(LAUNCH_MESSAGES.noScript)}</p></noscript>
  </main>
</body>
</html>
`;
}

/**
 * config.js. JSON is valid JavaScript; "<", ">", "&" and the line separators are escaped as well,
 * so no value can end a script element or a string literal, wherever the file ends up.
 */
export function configScript(config: BridgeConfig): string {
  const json = JSON.stringify(config, null, 2).replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `window.IPG_SCORM_CONFIG = ${json};\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The bridge's message check, the same rules as bridge-protocol.ts's zod schemas: defines
 * `checkCourseMessage(data)`, which returns the message or null. Separate, so a unit test can run
 * it in Node beside `parseCourseMessage`.
 */
export const COURSE_MESSAGE_CHECK_SCRIPT = `
  var PROTOCOL = ${JSON.stringify(BRIDGE_PROTOCOL)};
  var INTERACTION_ID = new RegExp(${JSON.stringify(INTERACTION_ID_PATTERN.source)});
  var CHOICE_OPTION = new RegExp(${JSON.stringify(CHOICE_OPTION_PATTERN.source)});
  var MAX_SUSPEND_DATA = ${MAX_SUSPEND_DATA_CHARS};
  var MAX_TEXT_RESPONSE = ${MAX_TEXT_RESPONSE_CHARS};
  var MAX_INTERACTIONS = ${MAX_INTERACTIONS_PER_MESSAGE};

  function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
  function hasOnly(record, keys) {
    return Object.keys(record).every(function (key) { return keys.indexOf(key) !== -1; });
  }
  function isOneOf(value, allowed) {
    return typeof value === 'string' && allowed.indexOf(value) !== -1;
  }
  function isValidResponse(type, response) {
    if (typeof response !== 'string') return false;
    if (type === 'choice') {
      return response.split(',').every(function (option) { return CHOICE_OPTION.test(option); });
    }
    if (type === 'true-false') return response === 'true' || response === 'false';
    return response.length >= 1 && response.length <= MAX_TEXT_RESPONSE &&
      response.indexOf('[,]') === -1 && response.indexOf('[.]') === -1 && response.charAt(0) !== '{';
  }
  function isInteraction(value) {
    return isRecord(value) &&
      hasOnly(value, ['id', 'type', 'response', 'result', 'correctPattern']) &&
      typeof value.id === 'string' && INTERACTION_ID.test(value.id) &&
      isOneOf(value.type, ['choice', 'true-false', 'fill-in', 'other']) &&
      isValidResponse(value.type, value.response) &&
      isOneOf(value.result, ['correct', 'incorrect', 'neutral']) &&
      (value.correctPattern === undefined || isValidResponse(value.type, value.correctPattern));
  }
  function isProgress(m) {
    return hasOnly(m, ['protocol', 'type', 'completion', 'success', 'scoreScaled', 'suspendData', 'interactions']) &&
      isOneOf(m.completion, ['incomplete', 'completed']) &&
      (m.success === undefined || isOneOf(m.success, ['passed', 'failed'])) &&
      (m.scoreScaled === undefined ||
        (typeof m.scoreScaled === 'number' && isFinite(m.scoreScaled) && m.scoreScaled >= 0 && m.scoreScaled <= 1)) &&
      (m.suspendData === undefined || (typeof m.suspendData === 'string' && m.suspendData.length <= MAX_SUSPEND_DATA)) &&
      (m.interactions === undefined ||
        (Array.isArray(m.interactions) && m.interactions.length <= MAX_INTERACTIONS && m.interactions.every(isInteraction)));
  }
  function checkCourseMessage(data) {
    if (!isRecord(data) || data.protocol !== PROTOCOL) return null;
    if (data.type === 'ready') return hasOnly(data, ['protocol', 'type']) ? data : null;
    if (data.type === 'exit') return hasOnly(data, ['protocol', 'type', 'suspend']) && typeof data.suspend === 'boolean' ? data : null;
    if (data.type === 'progress') return isProgress(data) ? data : null;
    return null;
  }
`;

/** bridge.js: finds the LMS, opens the hosted course, and relays its messages to the LMS. */
export const BRIDGE_SCRIPT = `/* Introductie Positieve Gezondheid: SCORM bridge (${BRIDGE_PROTOCOL}). */
(function () {
  'use strict';
  var config = window.IPG_SCORM_CONFIG;
  var MESSAGES = ${JSON.stringify(LAUNCH_MESSAGES)};
  var status = document.getElementById('status');
  function show(text) {
    status.textContent = text;
    status.hidden = false;
  }
${COURSE_MESSAGE_CHECK_SCRIPT}
  // The API finding algorithm of the SCORM run-time: up the parents (at most 7), then the opener's.
  // A window of another origin throws on reading a property; it simply has no API for us.
  function apiOn(win, name) {
    try { return win[name] || null; } catch (error) { return null; }
  }
  function findApiFrom(win, name) {
    var api = apiOn(win, name);
    for (var tries = 0; !api && tries < 7 && win.parent && win.parent !== win; tries++) {
      win = win.parent;
      api = apiOn(win, name);
    }
    return api;
  }
  function findApi(name) {
    return findApiFrom(window, name) || (window.opener ? findApiFrom(window.opener, name) : null);
  }

  var v12 = config.version === '1.2';
  var methods = v12
    ? { initialise: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', finish: 'LMSFinish' }
    : { initialise: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', finish: 'Terminate' };
  var api = findApi(v12 ? 'API' : 'API_1484_11');
  if (!api) {
    show(MESSAGES.noLms);
    return;
  }
  function get(element) {
    var value = api[methods.get](element);
    return value === null || value === undefined ? '' : String(value);
  }
  function set(element, value) {
    return String(api[methods.set](element, String(value))) === 'true';
  }
  if (String(api[methods.initialise]('')) !== 'true') {
    show(MESSAGES.initialiseFailed);
    return;
  }
  var startedAt = Date.now();
  var finished = false;
  var lastCompletion = '';

  var learner = get(v12 ? 'cmi.core.student_id' : 'cmi.learner_id');
  var learnerName = get(v12 ? 'cmi.core.student_name' : 'cmi.learner_name');
  var entry = get(v12 ? 'cmi.core.entry' : 'cmi.entry');
  if (entry !== 'ab-initio' && entry !== 'resume') entry = '';
  var suspendData = get('cmi.suspend_data');
  var interactionCount = parseInt(get('cmi.interactions._count'), 10) || 0;
  var sentIds = Object.create(null);
  // SCORM 2004 lets a SCO read the ids of earlier sittings' interactions; 1.2 does not.
  if (!v12) {
    for (var index = 0; index < interactionCount; index++) sentIds[get('cmi.interactions.' + index + '.id')] = true;
  }

  var fragment = [
    ['key', config.exportKey],
    ['learner', learner],
    ['name', learnerName],
    ['entry', entry],
    ['version', config.version]
  ].map(function (pair) { return pair[0] + '=' + encodeURIComponent(pair[1]); }).join('&');

  document.body.style.margin = '0';
  var frame = document.createElement('iframe');
  frame.id = 'course';
  frame.title = config.courseTitle;
  frame.style.cssText = 'display:block;border:0;width:100%;height:100vh';
  frame.setAttribute('allowfullscreen', '');
  frame.src = config.launchUrl + '#' + fragment;
  document.body.appendChild(frame);

  function post(message) {
    if (frame.contentWindow) frame.contentWindow.postMessage(message, config.moduleOrigin);
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = '0' + text;
    return text;
  }
  // Hundredths of a second as SCORM 1.2's CMITimespan (HH:MM:SS.SS) or 2004's ISO 8601 duration.
  function sessionTime(milliseconds) {
    var hundredths = Math.max(0, Math.round(milliseconds / 10));
    var hours = Math.min(9999, Math.floor(hundredths / 360000));
    var minutes = Math.floor(hundredths / 6000) % 60;
    var seconds = Math.floor(hundredths / 100) % 60;
    var fraction = hundredths % 100;
    if (v12) return pad(hours, 2) + ':' + pad(minutes, 2) + ':' + pad(seconds, 2) + '.' + pad(fraction, 2);
    var duration = (hours ? hours + 'H' : '') + (minutes ? minutes + 'M' : '') +
      (seconds || fraction || (!hours && !minutes) ? seconds + (fraction ? '.' + pad(fraction, 2) : '') + 'S' : '');
    return 'PT' + duration;
  }
  function interactionTime() {
    var now = new Date();
    if (v12) return pad(now.getHours(), 2) + ':' + pad(now.getMinutes(), 2) + ':' + pad(now.getSeconds(), 2);
    return now.toISOString().slice(0, 22) + 'Z';
  }
  function lmsResponse(type, response) {
    if (type === 'choice') return v12 ? response : response.split(',').join('[,]');
    if (type === 'true-false' && v12) return response === 'true' ? 't' : 'f';
    return response;
  }
  function scaledText(scaled) {
    return String(Math.round(scaled * 10000) / 10000);
  }
  function percentText(scaled) {
    return String(Math.round(scaled * 10000) / 100);
  }

  function appendInteraction(interaction) {
    if (sentIds[interaction.id]) return;
    sentIds[interaction.id] = true;
    var prefix = 'cmi.interactions.' + interactionCount + '.';
    interactionCount++;
    set(prefix + 'id', interaction.id);
    set(prefix + 'type', v12 && interaction.type === 'other' ? 'fill-in' : interaction.type);
    if (interaction.correctPattern !== undefined) {
      set(prefix + 'correct_responses.0.pattern', lmsResponse(interaction.type, interaction.correctPattern));
    }
    set(prefix + (v12 ? 'student_response' : 'learner_response'), lmsResponse(interaction.type, interaction.response));
    set(prefix + 'result', v12 && interaction.result === 'incorrect' ? 'wrong' : interaction.result);
    set(prefix + (v12 ? 'time' : 'timestamp'), interactionTime());
  }

  function recordProgress(message) {
    if (v12) {
      set('cmi.core.lesson_status', message.success || message.completion);
    } else {
      set('cmi.completion_status', message.completion);
      if (message.success) set('cmi.success_status', message.success);
    }
    if (message.scoreScaled !== undefined) {
      var score = v12 ? 'cmi.core.score.' : 'cmi.score.';
      if (!v12) set('cmi.score.scaled', scaledText(message.scoreScaled));
      set(score + 'raw', percentText(message.scoreScaled));
      set(score + 'min', '0');
      set(score + 'max', '100');
    }
    if (message.suspendData !== undefined) {
      set('cmi.suspend_data', message.suspendData);
      suspendData = message.suspendData;
    }
    (message.interactions || []).forEach(appendInteraction);
    lastCompletion = message.completion;
    api[methods.commit]('');
  }

  function finish(suspend) {
    if (finished) return;
    finished = true;
    var time = sessionTime(Date.now() - startedAt);
    if (v12) {
      set('cmi.core.session_time', time);
      set('cmi.core.exit', suspend ? 'suspend' : '');
    } else {
      set('cmi.session_time', time);
      set('cmi.exit', suspend ? 'suspend' : 'normal');
    }
    api[methods.finish]('');
  }

  window.addEventListener('message', function (event) {
    if (finished || event.origin !== config.moduleOrigin || event.source !== frame.contentWindow) return;
    var message = checkCourseMessage(event.data);
    if (!message) return;
    if (message.type === 'ready') {
      status.hidden = true;
      post({ protocol: PROTOCOL, type: 'resume', suspendData: suspendData });
    } else if (message.type === 'progress') {
      recordProgress(message);
    } else {
      finish(message.suspend);
      frame.parentNode.removeChild(frame);
      show(MESSAGES.finished);
    }
  });
  // Closing the window (or the LMS unloading the SCO) without an exit from the course: keep the
  // attempt open to resume, unless the course was completed.
  window.addEventListener('pagehide', function () {
    finish(lastCompletion !== 'completed');
  });
})();
`;
