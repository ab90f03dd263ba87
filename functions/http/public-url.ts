/**
 * The address people reach this API on, for links that leave the app (the verification link in a
 * certificate): the Host the request came to, over https unless it is the local runtime.
 */
import { header, type HttpEvent } from './request.js';

export function publicBaseUrl(event: HttpEvent): string {
  const host = header(event, 'host') ?? event.requestContext?.domainName ?? 'localhost';
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  const proto = header(event, 'x-forwarded-proto') ?? (local ? 'http' : 'https');
  return `${proto}://${host}`;
}
