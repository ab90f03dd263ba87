import { describe, expect, it, vi } from 'vitest';
import type { Context } from 'aws-lambda';
import { MethodNotAllowedError, ValidationError } from '../../../functions/core/errors.js';
import { alternateRequestSyntax, rewriteAlternateRequest } from '../../../functions/http/alternate-request-syntax.js';
import { bodyText, queryParams } from '../../../functions/http/request.js';
import type { HttpResult } from '../../../functions/http/response.js';
import { apiGatewayEvent } from '../../support/apigw-event.js';

const PATH = '/xapi/statements';
const STATEMENT_ID = '0f5c0a4e-58cc-4372-a567-0e02b2c3d479';
const statement = { actor: { mbox: 'mailto:ann@example.nl' }, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: 'http://example.nl/a' } };

/** An alternate request as API Gateway delivers it: a POST with a form body, base64-encoded. */
function alternate(method: string, form: Record<string, string>, options: { query?: Record<string, string>; headers?: Record<string, string> } = {}) {
  return apiGatewayEvent({
    method: 'POST',
    path: PATH,
    query: { method, ...options.query },
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '999', host: 'lrs.example.nl', ...options.headers },
    body: new TextEncoder().encode(new URLSearchParams(form).toString()),
  });
}

function rejection(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('rewriteAlternateRequest', () => {
  it('turns a form POST into the PUT it stands for: headers, parameters and content from the form', () => {
    const { method, event } = rewriteAlternateRequest(
      alternate('PUT', {
        statementId: STATEMENT_ID,
        'X-Experience-API-Version': '1.0.3',
        authorization: 'Basic a2V5OnNlY3JldA==',
        content: JSON.stringify(statement),
      }),
      PATH,
    );
    expect(method).toBe('PUT');
    expect(event.requestContext.http.method).toBe('PUT');
    expect(event.routeKey).toBe('PUT /xapi/statements');
    expect(queryParams(event)).toEqual({ statementId: STATEMENT_ID });
    expect(event.queryStringParameters).toEqual({ statementId: STATEMENT_ID });
    expect(event.headers).toMatchObject({
      'x-experience-api-version': '1.0.3',
      authorization: 'Basic a2V5OnNlY3JldA==',
      // No Content-Type in the form: the content is taken as JSON.
      'content-type': 'application/json',
      host: 'lrs.example.nl',
    });
    expect(event.headers['content-length']).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
    expect(JSON.parse(bodyText(event))).toEqual(statement);
  });

  it('lets the form override the HTTP headers, and keeps a Content-Type the form gives', () => {
    const { event } = rewriteAlternateRequest(
      alternate('PUT', { 'Content-Type': 'application/json; charset=utf-8', 'X-Experience-API-Version': '0.8', 'If-Match': '"abc"', content: '{}' }, { headers: { 'x-experience-api-version': '1.0.3' } }),
      PATH,
    );
    expect(event.headers['x-experience-api-version']).toBe('0.8');
    expect(event.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(event.headers['if-match']).toBe('"abc"');
  });

  it('turns a form POST into a GET with only parameters and no body', () => {
    const { method, event } = rewriteAlternateRequest(alternate('GET', { limit: '1', agent: JSON.stringify({ mbox: 'mailto:ann@example.nl' }) }), PATH);
    expect(method).toBe('GET');
    expect(queryParams(event)).toEqual({ limit: '1', agent: '{"mbox":"mailto:ann@example.nl"}' });
    expect(event.body).toBeUndefined();
    expect(event.headers['content-type']).toBeUndefined();
  });

  it('takes the method in any case', () => {
    expect(rewriteAlternateRequest(alternate('head', {}), PATH).method).toBe('HEAD');
  });

  it('rejects any query parameter besides method, naming it', () => {
    const error = rejection(() => rewriteAlternateRequest(alternate('PUT', { content: '{}' }, { query: { statementId: STATEMENT_ID } }), PATH));
    expect(error.issues).toEqual([{ path: 'query.statementId', message: 'not allowed with ?method=' }]);
    expect(error.message).toMatch(/form parameters/);
  });

  it('rejects an unknown, empty or repeated method', () => {
    expect(rejection(() => rewriteAlternateRequest(alternate('PATCH', {}), PATH)).issues[0]!.path).toBe('query.method');
    expect(rejection(() => rewriteAlternateRequest(alternate('', {}), PATH)).issues[0]!.path).toBe('query.method');
    const twice = apiGatewayEvent({ method: 'POST', path: PATH, query: { method: ['GET', 'PUT'] }, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(rejection(() => rewriteAlternateRequest(twice, PATH)).issues[0]!.path).toBe('query.method');
  });

  it('rejects a body that is not a form', () => {
    const json = apiGatewayEvent({ method: 'POST', path: PATH, query: { method: 'PUT' }, headers: { 'content-type': 'application/json' }, body: '{"statementId":"x"}' });
    expect(rejection(() => rewriteAlternateRequest(json, PATH)).issues[0]!.path).toBe('headers.content-type');
    const none = apiGatewayEvent({ method: 'POST', path: PATH, query: { method: 'PUT' } });
    expect(rejection(() => rewriteAlternateRequest(none, PATH)).issues[0]!.path).toBe('headers.content-type');
  });

  it('rejects a repeated form parameter (header names in any case) and a method in the form', () => {
    const event = apiGatewayEvent({
      method: 'POST',
      path: PATH,
      query: { method: 'PUT' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Authorization=a&authorization=b',
    });
    expect(rejection(() => rewriteAlternateRequest(event, PATH)).issues[0]!.message).toBe('repeated');
    expect(rejection(() => rewriteAlternateRequest(alternate('PUT', { method: 'DELETE' }), PATH)).issues[0]!.path).toBe('form.method');
  });

  it('rejects the syntax for xAPI 2.0, whether the version is a header or a form parameter', () => {
    const inHeader = rejection(() => rewriteAlternateRequest(alternate('GET', {}, { headers: { 'x-experience-api-version': '2.0.0' } }), PATH));
    expect(inHeader.message).toMatch(/xAPI 2.0 has no alternate request syntax/);
    const inForm = rejection(() => rewriteAlternateRequest(alternate('GET', { 'X-Experience-API-Version': '2.0.0' }, { headers: { 'x-experience-api-version': '1.0.3' } }), PATH));
    expect(inForm.issues[0]!.message).toBe('not supported in xAPI 2.0');
  });
});

describe('alternateRequestSyntax middleware', () => {
  const context = { awsRequestId: 'r-1' } as Context;
  const ok = (label: string): HttpResult => ({ statusCode: 200, headers: { served: label }, body: '' });

  it('hands the rewritten request to the target method handler and answers with its response', async () => {
    const put = vi.fn(async () => ok('put'));
    const middleware = alternateRequestSyntax(PATH, { PUT: put }, () => async () => ok('self'));
    const response = await middleware.before!({ event: alternate('PUT', { statementId: STATEMENT_ID, content: '{}' }), context } as never);
    expect(response).toEqual(ok('put'));
    const [event, passedContext] = put.mock.calls[0] as unknown as [{ requestContext: { http: { method: string } } }, Context];
    expect(event.requestContext.http.method).toBe('PUT');
    expect(passedContext).toBe(context);
  });

  it('serves ?method=POST with the route itself, and 405s a method the path does not have', async () => {
    const middleware = alternateRequestSyntax(PATH, { GET: async () => ok('get') }, () => async () => ok('self'));
    expect(await middleware.before!({ event: alternate('POST', { content: '{}' }), context } as never)).toEqual(ok('self'));
    await expect(middleware.before!({ event: alternate('DELETE', {}), context } as never)).rejects.toBeInstanceOf(MethodNotAllowedError);
  });

  it('leaves a request without ?method= alone', async () => {
    const middleware = alternateRequestSyntax(PATH, {}, () => async () => ok('self'));
    const plain = apiGatewayEvent({ method: 'POST', path: PATH, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await middleware.before!({ event: plain, context } as never)).toBeUndefined();
  });
});
