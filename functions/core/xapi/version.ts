/**
 * The xAPI versions this LRS speaks and how a request picks one (Communication 3.3 of 1.0.3; the
 * same clause of IEEE 9274.1.1-2023, "xAPI 2.0"). Every request but About names its version in the
 * X-Experience-API-Version header; the LRS answers in the version it served:
 * - 1.0.0 to 1.0.3 (and "1.0", any 1.0.x patch) are served as 1.0.3: a 1.0.x patch never changes
 *   the data model, so a 1.0.3 LRS serves them all and says so with "1.0.3";
 * - 2.0.0 (and "2.0", any 2.0.x patch) is served as 2.0.0.
 */
import { ValidationError } from '../errors.js';

export type XapiVersion = '1.0.3' | '2.0.0';

export const XAPI_1_0_3: XapiVersion = '1.0.3';
export const XAPI_2_0_0: XapiVersion = '2.0.0';

/** What an error carries when the request's version is unknown: the newest the LRS speaks. */
export const LATEST_XAPI_VERSION: XapiVersion = XAPI_2_0_0;

/**
 * The version an answer names when the request named none it could be served in (its error, or
 * About), from the XAPI_FALLBACK_VERSION setting; default the newest. The 1.0.3 and the 2.0
 * conformance suites demand opposite values here for the very same request (a request without
 * the header: "1.0.3" and "2.0.0"), so a deployment picks which clients it answers in their terms.
 */
export function fallbackVersion(setting: string | undefined): XapiVersion {
  return versionOf(setting) ?? LATEST_XAPI_VERSION;
}

/** The About resource's list: every version a client may send. */
export const ABOUT_VERSIONS = ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0'] as const;

/** The version a header value asks for, or undefined when this LRS does not speak it. */
export function versionOf(header: string | undefined): XapiVersion | undefined {
  const value = header?.trim() ?? '';
  if (/^1\.0(?:\.\d+)?$/.test(value)) return XAPI_1_0_3;
  if (/^2\.0(?:\.\d+)?$/.test(value)) return XAPI_2_0_0;
  return undefined;
}

/** The version to serve a request with; a 400 that says what to send when there is none. */
export function negotiateVersion(header: string | undefined): XapiVersion {
  if (header === undefined || header.trim() === '') {
    throw new ValidationError('The X-Experience-API-Version header is missing. Send it with every request, e.g. "X-Experience-API-Version: 2.0.0" or "1.0.3".', {
      issues: [{ path: 'headers.x-experience-api-version', message: 'required' }],
    });
  }
  const version = versionOf(header);
  if (!version) {
    throw new ValidationError(
      `X-Experience-API-Version "${header}" is not supported. This LRS speaks 2.0.0 and 1.0.3 (1.0.0 to 1.0.2 are served as 1.0.3).`,
      { issues: [{ path: 'headers.x-experience-api-version', message: 'unsupported version' }] },
    );
  }
  return version;
}
