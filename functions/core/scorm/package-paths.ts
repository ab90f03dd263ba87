/**
 * Paths inside a SCORM package: the names of its zip entries and the hrefs in its manifest. Both
 * must stay inside the package. A name or href that could reach out of it (zip slip) is refused,
 * never repaired: a repaired path would not be what the author meant, and would hide an attack.
 */

export type PathProblem =
  | 'empty'
  | 'absolute-path'
  | 'drive-letter'
  | 'backslash'
  | 'nul'
  | 'parent-segment'
  | 'absolute-url'
  | 'bad-escape';

export type PathCheck = { ok: true; path: string } | { ok: false; problem: PathProblem };

/**
 * The normalised path of a zip entry name: no empty or "." segments, no trailing slash, Unicode
 * NFC (so two spellings of "é" are one name). Two entries with the same normalised path would be
 * the same file once stored, so the caller treats that as a duplicate.
 */
export function normaliseEntryName(name: string): PathCheck {
  if (name.includes('\0')) return { ok: false, problem: 'nul' };
  if (name.includes('\\')) return { ok: false, problem: 'backslash' };
  if (/^[A-Za-z]:/.test(name)) return { ok: false, problem: 'drive-letter' };
  if (name.startsWith('/')) return { ok: false, problem: 'absolute-path' };
  return joinSegments(name.split('/'));
}

export type HrefCheck = { ok: true; path: string; suffix: string } | { ok: false; problem: PathProblem };

/**
 * Resolves a manifest href against the xml:base values around it (outermost first) to a path in
 * the package. `suffix` keeps the query and fragment as written, e.g. "?page=2", for launching.
 * Percent escapes are decoded before the checks, so "%2e%2e/" is caught like "../".
 */
export function resolveHref(bases: readonly string[], href: string): HrefCheck {
  const segments: string[] = [];
  for (const base of bases) {
    const part = pathPart(base);
    if (!part.ok) return part;
    // As in RFC 3986: a base's last segment is a file name and does not count, unless it ends in "/".
    segments.push(...part.path.split('/').slice(0, -1));
  }
  const target = pathPart(href);
  if (!target.ok) return target;
  const joined = joinSegments([...segments, ...target.path.split('/')]);
  if (!joined.ok) return joined;
  return { ok: true, path: joined.path, suffix: href.slice(href.length - target.suffixLength) };
}

type PathPart = { ok: true; path: string; suffixLength: number } | { ok: false; problem: PathProblem };

function pathPart(reference: string): PathPart {
  if (reference.trim() === '') return { ok: false, problem: 'empty' };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(reference) || reference.startsWith('//')) {
    return { ok: false, problem: 'absolute-url' };
  }
  const suffixStart = reference.search(/[?#]/);
  const encoded = suffixStart === -1 ? reference : reference.slice(0, suffixStart);
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    return { ok: false, problem: 'bad-escape' };
  }
  if (path.includes('\0')) return { ok: false, problem: 'nul' };
  if (path.includes('\\')) return { ok: false, problem: 'backslash' };
  if (path.startsWith('/')) return { ok: false, problem: 'absolute-path' };
  if (path.split('/').includes('..')) return { ok: false, problem: 'parent-segment' };
  return { ok: true, path, suffixLength: suffixStart === -1 ? 0 : reference.length - suffixStart };
}

function joinSegments(segments: readonly string[]): PathCheck {
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === '..') return { ok: false, problem: 'parent-segment' };
    if (segment !== '' && segment !== '.') kept.push(segment);
  }
  if (kept.length === 0) return { ok: false, problem: 'empty' };
  return { ok: true, path: kept.join('/').normalize('NFC') };
}
