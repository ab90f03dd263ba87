import { describe, expect, it } from 'vitest';
import { createRouteMatcher, type LocalRoute } from '../../../functions/local/route-matcher.js';

const route = (method: LocalRoute['method'], path: string): LocalRoute => ({ method, path, handler: `${method} ${path}` });

describe('createRouteMatcher', () => {
  const match = createRouteMatcher([
    route('GET', '/things/{id}'),
    route('GET', '/things/special'),
    route('PUT', '/things/{id}'),
    route('GET', '/files/{path+}'),
    route('GET', '/'),
  ]);

  it('prefers a literal segment over a parameter, whatever the table order', () => {
    expect(match('GET', '/things/special')).toMatchObject({ kind: 'found', route: { path: '/things/special' }, pathParameters: {} });
    expect(match('GET', '/things/other')).toMatchObject({ kind: 'found', route: { path: '/things/{id}' }, pathParameters: { id: 'other' } });
  });

  it('decodes path parameters, keeping an encoded slash inside its segment', () => {
    expect(match('GET', '/things/a%2Fb%20c')).toMatchObject({ pathParameters: { id: 'a/b c' } });
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(match('GET', '/files/a/b/c.txt')).toMatchObject({ kind: 'found', pathParameters: { path: 'a/b/c.txt' } });
    expect(match('GET', '/files')).toEqual({ kind: 'not-found' });
  });

  it('needs every segment: no prefix matches, no empty parameter', () => {
    expect(match('GET', '/things')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/things/')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/things/a/b')).toEqual({ kind: 'not-found' });
  });

  it('reports the allowed methods of a path that exists for other methods', () => {
    expect(match('DELETE', '/things/1')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'PUT'] });
    expect(match('post', '/')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
  });

  it('matches the root path', () => {
    expect(match('GET', '/')).toMatchObject({ kind: 'found', route: { path: '/' } });
  });
});
