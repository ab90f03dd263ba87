/** What a thin package's config.js carries (the export key, the hosted course's URL), read from the zip. */
import { CONFIG_SCRIPT_FILE, type BridgeConfig } from '../../functions/core/scorm/launch-page.js';
import { inflateEntry, readZipDirectory } from '../../functions/core/scorm/zip.js';

export function packageConfig(zip: Uint8Array): BridgeConfig {
  const entry = readZipDirectory(zip, 100).find((e) => e.name === CONFIG_SCRIPT_FILE);
  if (!entry) throw new Error(`the package has no ${CONFIG_SCRIPT_FILE}`);
  const inflated = inflateEntry(zip, entry);
  if (!inflated.ok) throw new Error(`${CONFIG_SCRIPT_FILE} does not inflate`);
  const script = new TextDecoder().decode(inflated.data);
  return JSON.parse(script.replace(/^window\.IPG_SCORM_CONFIG = /, '').replace(/;\s*$/, '')) as BridgeConfig;
}
