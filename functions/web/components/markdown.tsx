/**
 * A tiny Markdown renderer for the course texts: headings, paragraphs, bulleted and numbered
 * lists, **bold** and *italic*. It builds Preact elements, never HTML strings, so any other
 * character (a stray `<`, a link, an HTML tag that slipped past the schema) shows as plain text.
 */
import type { ComponentChildren, JSX } from 'preact';

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: string[] };

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: Extract<Block, { kind: 'list' }> | undefined;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push(list);
    list = undefined;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (heading) {
      endParagraph();
      endList();
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]!.replace(/\s+#+\s*$/, '') });
    } else if (bullet || numbered) {
      endParagraph();
      const ordered = !bullet;
      if (list && list.ordered !== ordered) endList();
      list ??= { kind: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      list.items.push(bullet ? bullet[1]! : numbered![2]!);
    } else if (list && /^\s+\S/.test(raw)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      endList();
      paragraph.push(line.trim());
    }
  }
  endParagraph();
  endList();
  return blocks;
}

/** **bold**, __bold__, *italic*, _italic_ (nesting italic in bold works); everything else is text. */
export function renderInline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const pattern = /(\*\*|__)(.+?)\1|(\*|_)(?=\S)(.+?)(?<=\S)\3(?![\p{L}\p{N}])/gu;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    // An underscore inside a word (snake_case) is not emphasis.
    if (match[3] === '_' && index > 0 && /[\p{L}\p{N}]/u.test(text[index - 1]!)) continue;
    if (index > last) out.push(text.slice(last, index));
    out.push(match[2] !== undefined ? <strong>{renderInline(match[2])}</strong> : <em>{renderInline(match[4]!)}</em>);
    last = index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export interface MarkdownProps {
  source: string;
  /**
   * The heading level a `#` becomes. Course texts use `##` for their sections; under a screen's
   * h1 they become h2, under a section's h2 (baseLevel 2) they become h3.
   */
  baseLevel?: number;
  class?: string;
}

export function Markdown({ source, baseLevel = 1, class: className }: MarkdownProps): JSX.Element {
  const blocks = parseBlocks(source);
  // The highest heading in the text goes right below the surrounding heading.
  const top = Math.min(...blocks.map((b) => (b.kind === 'heading' ? b.level : 7)));
  return (
    <div class={className ? `md ${className}` : 'md'}>
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'heading': {
            const level = Math.min(6, baseLevel + 1 + (block.level - top));
            const Tag = `h${level}` as 'h2';
            return <Tag key={i}>{renderInline(block.text)}</Tag>;
          }
          case 'paragraph':
            return <p key={i}>{renderInline(block.text)}</p>;
          case 'list': {
            const items = block.items.map((item, j) => <li key={j}>{renderInline(item)}</li>);
            return block.ordered ? (
              <ol key={i} start={block.start === 1 ? undefined : block.start}>
                {items}
              </ol>
            ) : (
              <ul key={i}>{items}</ul>
            );
          }
        }
      })}
    </div>
  );
}
