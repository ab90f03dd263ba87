/**
 * GET /verify/{certificateId} (public): confirms that a certificate is genuine. A small Dutch HTML
 * page, or JSON with Accept: application/json; an unknown id is a 404 that says what to check.
 */
import { routeHandler } from '../../http/route-handler.js';
import { header } from '../../http/request.js';
import { json, type HttpResult } from '../../http/response.js';
import { NotFoundError } from '../../core/errors.js';
import { verificationPage, verifyCertificate, type VerifiedCertificate } from '../../core/certificate/verification.js';
import { certificateStore } from '../../composition/stores.js';

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-robots-tag': 'noindex',
  'cache-control': 'no-store',
};

export const handler = routeHandler('GET /verify/{certificateId}', async (event, { deps }) => {
  const wantsJson = (header(event, 'accept') ?? '').toLowerCase().includes('application/json');
  let result: VerifiedCertificate;
  try {
    result = await verifyCertificate(deps)({ certificateId: event.pathParameters?.certificateId ?? '' });
  } catch (error) {
    // The error mapping answers JSON; a person following the link on the paper gets the page.
    if (wantsJson || !(error instanceof NotFoundError)) throw error;
    return html(404, verificationPage({ valid: false }));
  }
  return wantsJson ? json(200, result, { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }) : html(200, verificationPage(result));
}, { deps: () => ({ certificates: certificateStore() }) });

function html(statusCode: number, body: string): HttpResult {
  return { statusCode, headers: HTML_HEADERS, body };
}
