/**
 * The app's addresses (functions/web/router.ts): every screen's hash parses to its route and
 * hashOf writes the same hash back, and the course's links (course-nav.ts hrefFor) use them.
 */
import { describe, expect, it } from 'vitest';
import { hrefFor } from '../../functions/web/course-nav.js';
import { hashOf, parseHash, type Route } from '../../functions/web/router.js';

const SCREENS: [string, Route][] = [
  ['#/', { name: 'overview' }],
  ['#/item/wm1-check', { name: 'item', itemId: 'wm1-check' }],
  ['#/toets', { name: 'test' }],
  ['#/evaluatie', { name: 'evaluation' }],
  ['#/vervolgkeuze', { name: 'choice' }],
  ['#/contactmoment', { name: 'contact' }],
  ['#/coach', { name: 'coach-participants' }],
  ['#/coach/deelnemer/a1b2c3d4-0000-4000-8000-000000000001', { name: 'coach-participant', registration: 'a1b2c3d4-0000-4000-8000-000000000001' }],
  ['#/coach/momenten', { name: 'coach-slots' }],
  ['#/beheer', { name: 'admin-participants' }],
  ['#/beheer/pakketten', { name: 'admin-packages' }],
  ['#/beheer/scorm-export', { name: 'admin-scorm-exports' }],
];

describe('the router', () => {
  it.each(SCREENS)('%s is its screen, both ways', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
    expect(hashOf(route)).toBe(hash);
  });

  it('takes a trailing slash and an upper-case registration', () => {
    expect(parseHash('#/toets/')).toEqual({ name: 'test' });
    expect(parseHash('#/coach/deelnemer/A1B2C3D4-0000-4000-8000-000000000001')).toEqual(SCREENS[7]![1]);
  });

  it.each(['#/nergens', '#/item/', '#/item/Hoofdletters', '#/constructor', '#/toString', '#/coach/deelnemer/kort'])('%s is not found', (hash) => {
    expect(parseHash(hash)).toEqual({ name: 'not-found', hash });
  });
});

describe('course links', () => {
  it.each([
    ['test', '#/toets'],
    ['evaluation', '#/evaluatie'],
    ['choice', '#/vervolgkeuze'],
    ['page', '#/item/wm1-lezen'],
    ['check', '#/item/wm1-lezen'],
  ] as const)('a %s item links to %s', (kind, hash) => {
    expect(hrefFor({ id: 'wm1-lezen', kind })).toBe(hash);
  });
});
