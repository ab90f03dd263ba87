/**
 * A small, strict, namespace-aware XML reader for imsmanifest.xml, so the package checks need no
 * XML dependency. It reads elements, attributes, text, CDATA, comments and processing
 * instructions, and refuses a DOCTYPE and any entity but the five predefined ones and character
 * references: nothing can expand or point at another file. xmllint has already checked the
 * manifest against the schemas when this runs; this reader only needs to be right, not helpful.
 */

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface XmlAttribute {
  /** '' for an attribute without a prefix (attributes do not take the default namespace). */
  readonly namespace: string;
  readonly localName: string;
  readonly value: string;
}

export interface XmlElement {
  readonly namespace: string;
  readonly localName: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included), without that of its children. */
  readonly text: string;
  readonly line: number;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Deeper than any real manifest; keeps the recursive walks over the tree far from the stack limit. */
const MAX_DEPTH = 200;

interface OpenElement {
  readonly qualifiedName: string;
  readonly scope: ReadonlyMap<string, string>;
  readonly element: { -readonly [K in keyof XmlElement]: XmlElement[K] } & { children: XmlElement[] };
}

export function parseXml(source: string): XmlElement {
  const reader = new Reader(source.startsWith('\uFEFF') ? source.slice(1) : source);
  return reader.document();
}

/** The attribute's value, or undefined. */
export function attribute(element: XmlElement, namespace: string, localName: string): string | undefined {
  return element.attributes.find((a) => a.namespace === namespace && a.localName === localName)?.value;
}

export function childElements(element: XmlElement, namespace: string, localName: string): XmlElement[] {
  return element.children.filter((child) => child.namespace === namespace && child.localName === localName);
}

class Reader {
  private position = 0;
  private readonly stack: OpenElement[] = [];
  private root: XmlElement | undefined;
  private readonly counted = { position: 0, line: 1 };

  constructor(private readonly source: string) {}

  document(): XmlElement {
    while (this.position < this.source.length) {
      if (this.source.startsWith('<?', this.position)) this.skipPast('?>', 'processing instruction');
      else if (this.source.startsWith('<!--', this.position)) this.skipPast('-->', 'comment');
      else if (this.source.startsWith('<![CDATA[', this.position)) this.cdata();
      else if (this.source.startsWith('<!', this.position)) this.fail('a DOCTYPE or declaration is not accepted');
      else if (this.source.startsWith('</', this.position)) this.endTag();
      else if (this.source[this.position] === '<') this.startTag();
      else this.text();
    }
    if (this.stack.length > 0) this.fail(`element <${this.stack.at(-1)!.qualifiedName}> is not closed`);
    if (!this.root) this.fail('no root element');
    return this.root;
  }

  private startTag(): void {
    const line = this.line();
    if (this.root && this.stack.length === 0) this.fail('content after the root element');
    if (this.stack.length >= MAX_DEPTH) this.fail('elements nested too deeply');
    this.position++;
    const qualifiedName = this.name();
    const rawAttributes: Array<{ name: string; value: string }> = [];
    for (;;) {
      const hadSpace = this.skipSpace();
      if (this.source.startsWith('/>', this.position) || this.source[this.position] === '>') break;
      if (!hadSpace) this.fail(`expected a space, ">" or "/>" in <${qualifiedName}>`);
      const name = this.name();
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      if (rawAttributes.some((a) => a.name === name)) this.fail(`attribute ${name} appears twice`);
      rawAttributes.push({ name, value: this.attributeValue() });
    }
    const selfClosing = this.source[this.position] === '/';
    this.position += selfClosing ? 2 : 1;

    const parentScope = this.stack.at(-1)?.scope ?? new Map([['xml', XML_NAMESPACE]]);
    const scope = new Map(parentScope);
    for (const { name, value } of rawAttributes) {
      if (name === 'xmlns') scope.set('', value);
      else if (name.startsWith('xmlns:')) scope.set(name.slice('xmlns:'.length), value);
    }
    const element: OpenElement['element'] = {
      ...this.resolve(qualifiedName, scope, true),
      attributes: rawAttributes
        .filter(({ name }) => name !== 'xmlns' && !name.startsWith('xmlns:'))
        .map(({ name, value }) => ({ ...this.resolve(name, scope, false), value })),
      children: [],
      text: '',
      line,
    };
    const parent = this.stack.at(-1);
    if (parent) parent.element.children.push(element);
    else this.root = element;
    if (!selfClosing) this.stack.push({ qualifiedName, scope, element });
  }

  private resolve(qualifiedName: string, scope: ReadonlyMap<string, string>, isElement: boolean) {
    const colon = qualifiedName.indexOf(':');
    if (colon === -1) return { namespace: isElement ? (scope.get('') ?? '') : '', localName: qualifiedName };
    const prefix = qualifiedName.slice(0, colon);
    const namespace = scope.get(prefix);
    if (namespace === undefined) this.fail(`namespace prefix ${prefix} is not declared`);
    return { namespace, localName: qualifiedName.slice(colon + 1) };
  }

  private endTag(): void {
    this.position += 2;
    const name = this.name();
    this.skipSpace();
    this.expect('>');
    const open = this.stack.pop();
    if (!open || open.qualifiedName !== name) this.fail(`end tag </${name}> does not match`);
  }

  private text(): void {
    const end = this.indexOrEnd('<');
    const text = this.decode(this.source.slice(this.position, end));
    const open = this.stack.at(-1);
    if (open) open.element.text += text;
    else if (text.trim() !== '') this.fail('text outside the root element');
    this.position = end;
  }

  private cdata(): void {
    const open = this.stack.at(-1);
    if (!open) this.fail('CDATA outside the root element');
    const start = this.position + '<![CDATA['.length;
    const end = this.source.indexOf(']]>', start);
    if (end === -1) this.fail('CDATA section is not closed');
    open.element.text += this.source.slice(start, end);
    this.position = end + 3;
  }

  private attributeValue(): string {
    const quote = this.source[this.position];
    if (quote !== '"' && quote !== "'") this.fail('attribute value must be quoted');
    const end = this.source.indexOf(quote, this.position + 1);
    if (end === -1) this.fail('attribute value is not closed');
    const raw = this.source.slice(this.position + 1, end);
    if (raw.includes('<')) this.fail('"<" in an attribute value');
    this.position = end + 1;
    // Attribute-value normalisation (XML 1.0, 3.3.3): literal white space becomes a space.
    return this.decode(raw.replace(/[\t\n\r]/g, ' '));
  }

  private decode(raw: string): string {
    return raw.replace(/&([^;]*);?/g, (match, reference: string) => {
      if (!match.endsWith(';')) this.fail('"&" must be written as &amp;');
      const predefined = PREDEFINED_ENTITIES.get(reference);
      if (predefined !== undefined) return predefined;
      const code = /^#x[0-9a-fA-F]+$/.test(reference)
        ? parseInt(reference.slice(2), 16)
        : /^#[0-9]+$/.test(reference)
          ? parseInt(reference.slice(1), 10)
          : undefined;
      if (code === undefined) this.fail(`entity &${reference}; is not accepted`);
      if (code > 0x10ffff || code === 0) this.fail(`character reference &${reference}; is not a valid character`);
      return String.fromCodePoint(code);
    });
  }

  private name(): string {
    const match = /^[^\s<>/=?!"'&]+/.exec(this.source.slice(this.position, this.position + 1000));
    if (!match) this.fail('expected a name');
    this.position += match[0].length;
    return match[0];
  }

  private skipSpace(): boolean {
    const start = this.position;
    while (/\s/.test(this.source[this.position] ?? '')) this.position++;
    return this.position > start;
  }

  private expect(text: string): void {
    if (!this.source.startsWith(text, this.position)) this.fail(`expected "${text}"`);
    this.position += text.length;
  }

  private skipPast(terminator: string, what: string): void {
    const end = this.source.indexOf(terminator, this.position);
    if (end === -1) this.fail(`${what} is not closed`);
    this.position = end + terminator.length;
  }

  private indexOrEnd(text: string): number {
    const index = this.source.indexOf(text, this.position);
    return index === -1 ? this.source.length : index;
  }

  // The reader only moves forward, so counting from where the last count stopped keeps this linear.
  private line(): number {
    for (let index = this.source.indexOf('\n', this.counted.position); index !== -1 && index < this.position; index = this.source.indexOf('\n', index + 1)) {
      this.counted.line++;
    }
    this.counted.position = this.position;
    return this.counted.line;
  }

  private fail(message: string): never {
    throw new XmlSyntaxError(message, this.line());
  }
}

const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);
