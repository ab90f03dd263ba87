import { describe, expect, it } from 'vitest';
import { normaliseEntryName, resolveHref } from '../../../functions/core/scorm/package-paths.js';

describe('normaliseEntryName', () => {
  it.each([
    ['sco/index.html', 'sco/index.html'],
    ['sco/./index.html', 'sco/index.html'],
    ['sco//index.html', 'sco/index.html'],
    ['sco/', 'sco'],
    ['cafe\u0301.html', 'caf\u00e9.html'],
  ])('normalises %j to %j', (name, path) => {
    expect(normaliseEntryName(name)).toEqual({ ok: true, path });
  });

  it.each([
    ['../evil.js', 'parent-segment'],
    ['sco/../../evil.js', 'parent-segment'],
    ['/etc/passwd', 'absolute-path'],
    ['C:/x.dll', 'drive-letter'],
    ['sco\\x.js', 'backslash'],
    ['x\u0000.html', 'nul'],
    ['./', 'empty'],
  ])('refuses %j (%s)', (name, problem) => {
    expect(normaliseEntryName(name)).toEqual({ ok: false, problem });
  });
});

describe('resolveHref', () => {
  it('applies xml:base values, keeps query and fragment, decodes escapes', () => {
    expect(resolveHref(['course/', 'sco1/'], 'les%201.html?p=1#top')).toEqual({
      ok: true,
      path: 'course/sco1/les 1.html',
      suffix: '?p=1#top',
    });
    expect(resolveHref(['start.html'], 'other.html')).toEqual({ ok: true, path: 'other.html', suffix: '' });
  });

  it.each([
    ['../../etc/passwd', 'parent-segment'],
    ['%2e%2e/secret', 'parent-segment'],
    ['http://evil.example/x.html', 'absolute-url'],
    ['//evil.example/x.html', 'absolute-url'],
    ['javascript:alert(1)', 'absolute-url'],
    ['/index.html', 'absolute-path'],
    ['a%5Cb.html', 'backslash'],
    ['a%zz.html', 'bad-escape'],
    ['', 'empty'],
  ])('refuses %j (%s)', (href, problem) => {
    expect(resolveHref([], href)).toEqual({ ok: false, problem });
  });

  it('refuses a base that leaves the package', () => {
    expect(resolveHref(['../'], 'index.html')).toEqual({ ok: false, problem: 'parent-segment' });
  });
});
