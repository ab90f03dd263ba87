/** The participant web app's entry point (bundled by infra/web-build.ts into app.js). */
import { render } from 'preact';
import { keepTokenInThisTab } from './api.js';
import { App } from './app.js';
import { takeEmbeddedStart } from './embedded/launch.js';

// First of all: a SCORM launch's fragment (with its key) leaves the address before anything reads it.
const embeddedStart = takeEmbeddedStart();
// A session from an LMS belongs to that tab only (api.ts).
if (embeddedStart.kind !== 'none') keepTokenInThisTab();
const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App embeddedStart={embeddedStart} />, root);
}
