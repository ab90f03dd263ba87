/**
 * Matches a request against the route table the way API Gateway HTTP API does: `{name}` takes one
 * path segment, `{name+}` the rest of the path, and the most specific route wins (a literal
 * segment beats a parameter, a parameter beats a greedy one), whatever the table's order.
 */
import type { RouteDef } from '../routes.js';

export type LocalRoute = Pick<RouteDef, 'method' | 'path' | 'handler'>;

export type RouteMatch =
  | { kind: 'found'; route: LocalRoute; pathParameters: Record<string, string> }
  /** The path exists, but not for this method; `allowed` feeds the 405's Allow header. */
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface CompiledRoute {
  route: LocalRoute;
  segments: Segment[];
}

export function createRouteMatcher(routes: readonly LocalRoute[]): (method: string, rawPath: string) => RouteMatch {
  const compiled = routes.map((route) => ({ route, segments: compilePath(route.path) }));
  return (method, rawPath) => {
    const requestSegments = splitPath(rawPath);
    const candidates = compiled
      .map((c) => ({ c, params: matchSegments(c.segments, requestSegments) }))
      .filter((m): m is { c: CompiledRoute; params: Record<string, string> } => m.params !== undefined);
    if (candidates.length === 0) return { kind: 'not-found' };
    const forMethod = candidates.filter((m) => m.c.route.method === method.toUpperCase());
    if (forMethod.length === 0) {
      return { kind: 'method-not-allowed', allowed: [...new Set(candidates.map((m) => m.c.route.method))].sort() };
    }
    const best = forMethod.sort((a, b) => compareSpecificity(a.c.segments, b.c.segments))[0]!;
    return { kind: 'found', route: best.c.route, pathParameters: best.params };
  };
}

function compilePath(path: string): Segment[] {
  return splitPath(path).map((part) => {
    const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
    if (!param) return { kind: 'literal', value: part };
    return param[2] ? { kind: 'greedy', name: param[1]! } : { kind: 'param', name: param[1]! };
  });
}

/** Segments stay percent-encoded until matched, so an encoded slash cannot split a segment. */
function splitPath(path: string): string[] {
  return path.split('/').filter((part, index) => index > 0 || part !== '');
}

function matchSegments(pattern: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i]!;
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('') === '') return undefined;
      params[segment.name] = decodeSegment(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (decodeSegment(part) !== segment.value) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = decodeSegment(part);
    }
  }
  return parts.length === pattern.length ? params : undefined;
}

const RANK: Record<Segment['kind'], number> = { literal: 0, param: 1, greedy: 2 };

function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = RANK[a[i]!.kind] - RANK[b[i]!.kind];
    if (diff !== 0) return diff;
  }
  return b.length - a.length;
}

export function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape (e.g. "%zz") reaches the handler as sent rather than failing routing.
    return value;
  }
}
