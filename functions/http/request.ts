/** Reading an API Gateway HTTP API (v2) event: headers, query string, body. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../core/errors.js';

export type HttpEvent = APIGatewayProxyEventV2;

export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * Query parameters from the raw query string. API Gateway's queryStringParameters joins repeated
 * keys with commas, which would corrupt JSON values such as `agent`; a repeated key is reported.
 */
export function queryParams(event: HttpEvent): Record<string, string> {
  const params = new URLSearchParams(event.rawQueryString ?? '');
  const result: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in result) throw new ValidationError(`Query parameter "${key}" is given more than once; give it once.`, { issues: [{ path: `query.${key}`, message: 'repeated' }] });
    result[key] = value;
  }
  return result;
}

export function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

export function contentType(event: HttpEvent): string {
  return (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export function jsonBody(event: HttpEvent): unknown {
  const text = bodyText(event);
  if (text.trim() === '') throw new ValidationError('The request body is empty; send a JSON document.', { issues: [{ path: 'body', message: 'empty' }] });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`The request body is not valid JSON (${(error as Error).message}).`, { cause: error, issues: [{ path: 'body', message: 'invalid JSON' }] });
  }
}
