/**
 * The JSONPath subset that xAPI Profiles allow in statement template rules (Profiles 1.0, part
 * two, 8.1: Goessner's JSONPath without filter and script expressions), which is all a rule needs:
 *
 *   $                     the statement itself; may be left out ("context.registration")
 *   .name                 child by name: letters, digits, _, $ and -
 *   ['name'] ["name"]     child by any name, e.g. an extension IRI ('...' with \' and \\ escapes)
 *   [0]                   array member by non-negative index
 *   .* [*]                every child of an object or every member of an array
 *   ['a','b'] [0,2]       union inside brackets: the results of each part, in order
 *   path | path           union of whole paths: all their values, flattened
 *
 * Not supported, and rejected with a message when a profile is loaded: recursive descent (..),
 * filters ([?()]), scripts ([()]), slices ([1:3]) and negative indexes.
 */

export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

type Selector = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** One bracket or dot step: the union of its selectors. */
type Step = Selector[];

export interface JsonPath {
  readonly source: string;
  /** The `|`-separated paths, each a list of steps from the root. */
  readonly paths: readonly (readonly Step[])[];
}

const NAME_CHAR = /[A-Za-z0-9_$-]/;

/** Parses a JSONPath of the supported subset; throws JsonPathError saying what is not supported. */
export function parseJsonPath(source: string): JsonPath {
  const paths: Step[][] = [];
  let pos = 0;
  const fail = (message: string): never => {
    throw new JsonPathError(`JSONPath "${source}" at position ${pos}: ${message}`);
  };
  const skipSpaces = () => {
    while (source[pos] === ' ') pos++;
  };
  const readName = (): string => {
    const start = pos;
    while (pos < source.length && NAME_CHAR.test(source[pos]!)) pos++;
    if (pos === start) fail('expected a property name');
    return source.slice(start, pos);
  };
  const readQuoted = (): string => {
    const quote = source[pos++];
    let out = '';
    while (pos < source.length && source[pos] !== quote) {
      if (source[pos] === '\\') pos++;
      if (pos >= source.length) break;
      out += source[pos++];
    }
    if (source[pos] !== quote) fail('unterminated quoted name');
    pos++;
    return out;
  };
  const readBracket = (): Step => {
    pos++; // [
    const step: Step = [];
    for (;;) {
      skipSpaces();
      const c = source[pos];
      if (c === "'" || c === '"') step.push({ kind: 'name', name: readQuoted() });
      else if (c === '*') {
        pos++;
        step.push({ kind: 'wildcard' });
      } else if (c !== undefined && /[0-9]/.test(c)) {
        const start = pos;
        while (pos < source.length && /[0-9]/.test(source[pos]!)) pos++;
        step.push({ kind: 'index', index: Number(source.slice(start, pos)) });
      } else if (c === '?' || c === '(') fail('filter and script expressions are not supported');
      else if (c === '-') fail('negative indexes are not supported');
      else if (c === ':') fail('slices are not supported');
      else fail('expected a quoted name, an index or * inside brackets');
      skipSpaces();
      if (source[pos] === ',') {
        pos++;
        continue;
      }
      if (source[pos] === ':') fail('slices are not supported');
      if (source[pos] !== ']') fail('expected "," or "]"');
      pos++;
      return step;
    }
  };

  for (;;) {
    skipSpaces();
    const steps: Step[] = [];
    if (source[pos] === '$') pos++;
    else if (source[pos] !== undefined && NAME_CHAR.test(source[pos]!)) steps.push([{ kind: 'name', name: readName() }]);
    else fail('a path starts with $ or a property name');
    for (;;) {
      const c = source[pos];
      if (c === '.') {
        pos++;
        if (source[pos] === '.') fail('recursive descent (..) is not supported');
        if (source[pos] === '*') {
          pos++;
          steps.push([{ kind: 'wildcard' }]);
        } else steps.push([{ kind: 'name', name: readName() }]);
      } else if (c === '[') steps.push(readBracket());
      else break;
    }
    paths.push(steps);
    skipSpaces();
    if (pos >= source.length) break;
    if (source[pos] !== '|') fail('expected ".", "[" or "|"');
    pos++;
  }
  return { source, paths };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every value the path finds in `root`, in document order per path; [] when it finds nothing.
 * A property that is present with the value null is found (null is a value in JSON); one set to
 * undefined (only possible in JavaScript objects) is not.
 */
export function evaluateJsonPath(path: JsonPath, root: unknown): unknown[] {
  const out: unknown[] = [];
  for (const steps of path.paths) {
    let nodes: unknown[] = [root];
    for (const step of steps) {
      const next: unknown[] = [];
      for (const node of nodes) {
        for (const selector of step) {
          if (selector.kind === 'wildcard') {
            if (Array.isArray(node)) next.push(...node.filter((v) => v !== undefined));
            else if (isObject(node)) next.push(...Object.values(node).filter((v) => v !== undefined));
          } else if (selector.kind === 'name') {
            if (isObject(node) && Object.hasOwn(node, selector.name) && node[selector.name] !== undefined) next.push(node[selector.name]);
          } else if (Array.isArray(node) && selector.index < node.length) {
            next.push(node[selector.index]);
          }
        }
      }
      nodes = next;
    }
    out.push(...nodes);
  }
  return out;
}
