/**
 * A minimal PDF 1.7 writer for the certificate: one page, the standard fonts Helvetica and
 * Helvetica-Bold (not embedded), text, rectangles and link annotations, the Info dictionary.
 *
 * Our own rather than a PDF library: the library's module code made the certificate Lambda's cold
 * start 1.7 times that of a bare DynamoDB client, for a page this simple. Nothing is compressed
 * and there are no object streams, so a link's address is plain text in the file. Everything
 * written is ASCII apart from the header's binary marker (text is WinAnsi bytes in octal
 * escapes), so a byte offset is a string length.
 */
import { FIRST_WIN_ANSI_CODE, HELVETICA_BOLD_WIDTHS, HELVETICA_WIDTHS } from './helvetica-metrics.js';

/** Red, green and blue, each 0 to 1. */
export type Rgb = readonly [red: number, green: number, blue: number];

/** [left, bottom, right, top] in points. */
export type Rect = readonly [number, number, number, number];

/** One of the standard Type1 fonts every PDF reader has: nothing to embed, no file to load. */
export interface StandardFont {
  readonly name: 'Helvetica' | 'Helvetica-Bold';
  /** Advance widths in 1/1000 em by WinAnsi code, from FIRST_WIN_ANSI_CODE; 0 where no glyph. */
  readonly widths: readonly number[];
}

export const HELVETICA: StandardFont = { name: 'Helvetica', widths: HELVETICA_WIDTHS };
export const HELVETICA_BOLD: StandardFont = { name: 'Helvetica-Bold', widths: HELVETICA_BOLD_WIDTHS };

/** The fonts every document lists in its page resources, as /F1, /F2. */
const FONTS: readonly StandardFont[] = [HELVETICA, HELVETICA_BOLD];

/**
 * WinAnsiEncoding (Windows-1252) at 0x80-0x9F, where Latin-1 has control codes: Unicode code
 * point to byte. 0x20-0x7E and 0xA0-0xFF are the Unicode code points themselves.
 */
const WIN_ANSI_SPECIALS: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], // €
  [0x201a, 0x82], // ‚
  [0x0192, 0x83], // ƒ
  [0x201e, 0x84], // „
  [0x2026, 0x85], // …
  [0x2020, 0x86], // †
  [0x2021, 0x87], // ‡
  [0x02c6, 0x88], // ˆ
  [0x2030, 0x89], // ‰
  [0x0160, 0x8a], // Š
  [0x2039, 0x8b], // ‹
  [0x0152, 0x8c], // Œ
  [0x017d, 0x8e], // Ž
  [0x2018, 0x91], // ‘
  [0x2019, 0x92], // ’
  [0x201c, 0x93], // “
  [0x201d, 0x94], // ”
  [0x2022, 0x95], // •
  [0x2013, 0x96], // –
  [0x2014, 0x97], // —
  [0x02dc, 0x98], // ˜
  [0x2122, 0x99], // ™
  [0x0161, 0x9a], // š
  [0x203a, 0x9b], // ›
  [0x0153, 0x9c], // œ
  [0x017e, 0x9e], // ž
  [0x0178, 0x9f], // Ÿ
]);

/** The WinAnsi byte of one character (one code point), or undefined if WinAnsi has none. */
export function winAnsiCode(char: string): number | undefined {
  const codePoint = char.codePointAt(0) ?? -1;
  if ((codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)) return codePoint;
  return WIN_ANSI_SPECIALS.get(codePoint);
}

/** The glyph's advance width in 1/1000 em, or undefined if the font cannot draw the character. */
export function glyphWidth(font: StandardFont, char: string): number | undefined {
  const code = winAnsiCode(char);
  const width = code === undefined ? 0 : (font.widths[code - FIRST_WIN_ANSI_CODE] ?? 0);
  return width > 0 ? width : undefined;
}

export function canDraw(font: StandardFont, char: string): boolean {
  return glyphWidth(font, char) !== undefined;
}

/**
 * The width of the text as drawn: the sum of its glyphs' widths, without kerning, because a Tj
 * operator does not kern. Throws for a character the font cannot draw (see `canDraw`).
 */
export function widthOfText(font: StandardFont, text: string, size: number): number {
  let total = 0;
  for (const char of text) total += glyphWidth(font, char) ?? unsupported(font, char);
  return (total * size) / 1000;
}

/** The text as WinAnsi bytes, one char code (0-255) per byte. Throws where `canDraw` is false. */
function winAnsiBytes(font: StandardFont, text: string): string {
  let bytes = '';
  for (const char of text) bytes += canDraw(font, char) ? String.fromCharCode(winAnsiCode(char) ?? 0) : unsupported(font, char);
  return bytes;
}

function unsupported(font: StandardFont, char: string): never {
  throw new RangeError(`${font.name} (WinAnsiEncoding) cannot draw U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A number as a PDF number: no exponent, at most four decimals (1/10000 pt is invisible). */
export function pdfNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a PDF number: ${value}`);
  return String(Math.round(value * 10_000) / 10_000 || 0);
}

/**
 * A literal string of bytes (char codes 0-255): the delimiters `\`, `(` and `)` escaped, and
 * every byte outside printable ASCII as an octal escape, so the file stays ASCII.
 */
export function literalString(bytes: string): string {
  const escaped = bytes
    .replace(/[\\()]/g, '\\$&')
    .replace(/[^\x20-\x7e]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return `(${escaped})`;
}

/**
 * A text string (Info, /Lang): a literal string in PDFDocEncoding when every character has the
 * same code there as in Latin-1 (printable ASCII and 0xA1-0xFF but 0xAD), else UTF-16BE with a
 * byte order mark, as a hex string.
 */
export function textString(text: string): string {
  const pdfDocEncodable = [...text].every((c) => /^[\x20-\x7e\xa1-\xac\xae-\xff]$/.test(c));
  if (pdfDocEncodable) return literalString(text);
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A date as a PDF date string in UTC, e.g. D:20261122100000Z. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString(); // 2026-11-22T10:00:00.000Z
  return `D:${iso.slice(0, 19).replace(/[-T:]/g, '')}Z`;
}

/** A URI for a URI action: 7-bit ASCII, so anything else percent-encoded. */
function asciiUri(uri: string): string {
  return uri.replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c));
}

function color(rgb: Rgb): string {
  return rgb.map(pdfNumber).join(' ');
}

export interface TextOptions {
  x: number;
  y: number;
  size: number;
  font: StandardFont;
  color: Rgb;
}

export interface RectangleOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: Rgb;
  border?: { color: Rgb; width: number };
}

interface Link {
  rect: Rect;
  uri: string;
}

/** A page being drawn: content stream operators and link annotations, in drawing order. */
export class PdfPage {
  readonly operators: string[] = [];
  readonly links: Link[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** Text with its baseline starting at (x, y). */
  drawText(text: string, { x, y, size, font, color: fill }: TextOptions): void {
    const resource = `/F${FONTS.findIndex((f) => f.name === font.name) + 1}`;
    const position = `1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm`;
    this.operators.push(`BT ${color(fill)} rg ${resource} ${pdfNumber(size)} Tf ${position} ${literalString(winAnsiBytes(font, text))} Tj ET`);
  }

  /** A rectangle, filled, bordered or both. */
  drawRectangle({ x, y, width, height, fill, border }: RectangleOptions): void {
    const ops = ['q'];
    if (fill) ops.push(`${color(fill)} rg`);
    if (border) ops.push(`${color(border.color)} RG ${pdfNumber(border.width)} w`);
    ops.push(`${[x, y, width, height].map(pdfNumber).join(' ')} re ${fill && border ? 'B' : fill ? 'f' : 'S'} Q`);
    this.operators.push(ops.join(' '));
  }

  /** A clickable area that opens the URI, without a visible border. */
  addLink(rect: Rect, uri: string): void {
    this.links.push({ rect, uri });
  }
}

export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  creator: string;
  producer: string;
  created: Date;
  modified: Date;
}

/** The complete file. Object numbers: catalog, pages, page, fonts, content, links, Info. */
export function writePdf(page: PdfPage, info: DocumentInfo, language: string): Uint8Array {
  const fontRefs = FONTS.map((_, i) => 4 + i);
  const contentRef = 4 + FONTS.length;
  const linkRefs = page.links.map((_, i) => contentRef + 1 + i);
  const infoRef = contentRef + 1 + page.links.length;
  const ref = (n: number) => `${n} 0 R`;
  const content = page.operators.join('\n');

  const objects = [
    `<< /Type /Catalog /Pages ${ref(2)} /Lang ${textString(language)} >>`,
    `<< /Type /Pages /Kids [${ref(3)}] /Count 1 >>`,
    [
      `<< /Type /Page /Parent ${ref(2)} /MediaBox [0 0 ${pdfNumber(page.width)} ${pdfNumber(page.height)}]`,
      `/Resources << /Font << ${fontRefs.map((n, i) => `/F${i + 1} ${ref(n)}`).join(' ')} >> >>`,
      `/Contents ${ref(contentRef)}${linkRefs.length > 0 ? ` /Annots [${linkRefs.map(ref).join(' ')}]` : ''} >>`,
    ].join('\n'),
    ...FONTS.map((font) => `<< /Type /Font /Subtype /Type1 /BaseFont /${font.name} /Encoding /WinAnsiEncoding >>`),
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...page.links.map(
      ({ rect, uri }) =>
        `<< /Type /Annot /Subtype /Link /Rect [${rect.map(pdfNumber).join(' ')}] /Border [0 0 0] /A << /Type /Action /S /URI /URI ${literalString(asciiUri(uri))} >> >>`,
    ),
    [
      `<< /Title ${textString(info.title)} /Subject ${textString(info.subject)} /Author ${textString(info.author)}`,
      `/Creator ${textString(info.creator)} /Producer ${textString(info.producer)}`,
      `/CreationDate ${textString(pdfDate(info.created))} /ModDate ${textString(pdfDate(info.modified))} >>`,
    ].join('\n'),
  ];
  return latin1Bytes(serialize(objects, `/Root ${ref(1)} /Info ${ref(infoRef)}`));
}

/** The header: the version, then a comment of bytes above 127 that marks the file as binary. */
const HEADER = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';

/** Objects numbered from 1 in order, the cross-reference table of their byte offsets, the trailer. */
export function serialize(objects: readonly string[], trailerEntries: string): string {
  let file = HEADER;
  const offsets = objects.map((body, i) => {
    const offset = file.length;
    file += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xrefOffset = file.length;
  // Every entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, space and newline.
  const entries = ['0000000000 65535 f \n', ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)];
  file += `xref\n0 ${entries.length}\n${entries.join('')}`;
  file += `trailer\n<< /Size ${entries.length} ${trailerEntries} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return file;
}

/** One byte per char code; the writer only produces codes below 256, and this makes sure of it. */
function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`not a byte at ${i}: U+${code.toString(16)}`);
    bytes[i] = code;
  }
  return bytes;
}
