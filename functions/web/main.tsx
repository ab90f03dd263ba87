/** The participant web app's entry point (bundled by infra/web-build.ts into app.js). */
import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
