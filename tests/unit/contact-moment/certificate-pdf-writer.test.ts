/**
 * The certificate's own PDF writer, checked against independent sources: the Adobe AFM metrics and
 * the WinAnsi table as @pdf-lib/standard-fonts ships them, and pdf-lib's parser. (Node's
 * TextDecoder is no help: its 'windows-1252' decodes 0x80-0x9F as Latin-1 control codes.)
 */
import { describe, expect, it } from 'vitest';
import { Encodings, Font, FontNames } from '@pdf-lib/standard-fonts';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { fittingSize, renderCertificatePdf } from '../../../functions/core/certificate/certificate-pdf.js';
import {
  HELVETICA,
  HELVETICA_BOLD,
  PdfPage,
  canDraw,
  glyphWidth,
  literalString,
  pdfDate,
  pdfNumber,
  textString,
  widthOfText,
  winAnsiCode,
  writePdf,
  type DocumentInfo,
} from '../../../functions/core/certificate/pdf-writer.js';
import { aCertificate } from '../../support/certificates.js';

const CERTIFICATE = aCertificate({ certificateId: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' });
const VERIFY_URL = `https://introductie-pg.nl/verify/${CERTIFICATE.certificateId}`;

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** WinAnsi byte to character, from pdf-lib's table rather than ours. */
const WIN_ANSI_CHARS = new Map(Encodings.WinAnsi.supportedCodePoints.map((cp) => [Encodings.WinAnsi.encodeUnicodeCodePoint(cp).code, String.fromCodePoint(cp)]));
const decodeWinAnsi = (bytes: string) => [...bytes].map((b) => WIN_ANSI_CHARS.get(b.charCodeAt(0)) ?? '\ufffd').join('');

/** The strings the page's content stream shows with Tj, decoded from WinAnsi as a reader would. */
async function drawnTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const contents = doc.getPage(0).node.Contents();
  if (!(contents instanceof PDFRawStream)) throw new Error('expected one uncompressed content stream');
  const stream = latin1(contents.getContents());
  return [...stream.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map(([, literal = '']) => {
    const raw = literal.replace(/\\([0-7]{3}|.)/g, (_, escaped: string) => (escaped.length === 3 ? String.fromCharCode(parseInt(escaped, 8)) : escaped));
    return decodeWinAnsi(raw);
  });
}

function decodeTextString(value: unknown): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

describe('the Helvetica metrics', () => {
  /** pdf-lib's WinAnsi table names U+0178 (Ÿ, 0x9F) "ydieresis"; WinAnsiEncoding has Ydieresis there. */
  const glyphName = (code: number, name: string) => (code === 0x9f ? 'Ydieresis' : name);

  it.each([
    [FontNames.Helvetica, HELVETICA],
    [FontNames.HelveticaBold, HELVETICA_BOLD],
  ] as const)('give every WinAnsi character of %s its AFM width', (afmName, font) => {
    const afm = Font.load(afmName);
    expect(Encodings.WinAnsi.supportedCodePoints).toHaveLength(218);
    for (const codePoint of Encodings.WinAnsi.supportedCodePoints) {
      const char = String.fromCodePoint(codePoint);
      const { code, name } = Encodings.WinAnsi.encodeUnicodeCodePoint(codePoint);
      expect(winAnsiCode(char), char).toBe(code);
      expect(glyphWidth(font, char), `${char} (${name})`).toBe(afm.getWidthOfGlyph(glyphName(code, name)));
    }
  });

  it('draw exactly the characters WinAnsiEncoding has', () => {
    const supported = new Set(Encodings.WinAnsi.supportedCodePoints);
    for (let codePoint = 0; codePoint <= 0x2200; codePoint++) {
      const char = String.fromCodePoint(codePoint);
      expect(canDraw(HELVETICA, char), `U+${codePoint.toString(16)}`).toBe(supported.has(codePoint));
      expect(canDraw(HELVETICA_BOLD, char)).toBe(supported.has(codePoint));
    }
    for (const char of ['王', '😀', 'ğ', '\n', '\t']) expect(canDraw(HELVETICA, char)).toBe(false);
  });

  it('encode as Windows-1252 does, specials included', () => {
    expect([...'€‘’“”–—…'].map(winAnsiCode)).toEqual([0x80, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x85]);
  });

  it('measure text as drawn: the sum of the glyph widths, without kerning', () => {
    // A, V, W and T have kerning pairs in the AFM; a Tj operator ignores them.
    expect(widthOfText(HELVETICA, 'AVAW', 10)).toBeCloseTo(((667 + 667 + 667 + 944) * 10) / 1000, 10);
    expect(widthOfText(HELVETICA_BOLD, 'Één €', 12)).toBeCloseTo(((667 + 556 + 611 + 278 + 556) * 12) / 1000, 10);
    expect(() => widthOfText(HELVETICA, '王', 12)).toThrow(/U\+738B/);
  });

  it('set a long text smaller, but never below 7 pt', () => {
    expect(fittingSize(HELVETICA_BOLD, 'W'.repeat(200), 26, 499)).toBe(7);
    const size = fittingSize(HELVETICA_BOLD, 'Annemarie Wilhelmina van der Heijden-Vermeulen', 26, 499);
    expect(size).toBeGreaterThan(7);
    expect(size).toBeLessThan(26);
  });
});

describe('PDF syntax', () => {
  it('escapes literal strings so the file stays ASCII', () => {
    expect(literalString('a(b)c\\d')).toBe('(a\\(b\\)c\\\\d)');
    expect(literalString('\x80\xe9\n')).toBe('(\\200\\351\\012)');
  });

  it('writes text strings in PDFDocEncoding where it equals Latin-1, else as UTF-16BE', () => {
    expect(textString('Zoë (1)')).toBe('(Zo\\353 \\(1\\))');
    expect(textString('€')).toBe('<FEFF20AC>');
    expect(textString('王😀')).toBe('<FEFF738BD83DDE00>');
  });

  it('writes numbers without exponents and dates in UTC', () => {
    expect(['595.28', '0', '0', '-3.1416', '100000']).toEqual([595.28, -0, 1e-7, -Math.PI, 1e5].map(pdfNumber));
    expect(() => pdfNumber(Number.NaN)).toThrow();
    expect(pdfDate(new Date('2026-11-22T10:00:00.000Z'))).toBe('D:20261122100000Z');
  });
});

describe('the certificate PDF file', () => {
  it('has a cross-reference table whose every offset is the start of its object', async () => {
    const text = latin1(await renderCertificatePdf(CERTIFICATE, { verifyUrl: VERIFY_URL }));
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.startsWith('xref\n', startxref)).toBe(true);
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
    expect(first).toBe('0');
    const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));
    expect(entries[0]).toBe('0000000000 65535 f ');
    for (const [n, entry] of entries.entries()) {
      expect(entry).toMatch(/^\d{10} \d{5} [fn] $/);
      if (n > 0) expect(text.startsWith(`${n} 0 obj\n`, Number(entry.slice(0, 10))), `object ${n}`).toBe(true);
    }
    expect(text).toContain(`/Size ${count} `);
    // Every object is in the table, and nothing else.
    expect([...text.matchAll(/^(\d+) 0 obj$/gm)].map(([, n]) => Number(n))).toEqual(entries.slice(1).map((_, i) => i + 1));
  });

  it('gives the content stream its exact length', () => {
    const page = new PdfPage(100, 100);
    page.drawText('Één (€)', { x: 1, y: 2, size: 3, font: HELVETICA, color: [0, 0, 0] });
    const text = latin1(writePdf(page, INFO, 'nl-NL'));
    const [, length, body] = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text) ?? [];
    expect(Number(length)).toBe(body?.length);
  });

  it('opens in pdf-lib: one A4 page, the metadata, and a link to the verification page', async () => {
    const bytes = await renderCertificatePdf(CERTIFICATE, { verifyUrl: VERIFY_URL });
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(doc.getTitle()).toBe('Certificaat Introductie Positieve Gezondheid');
    expect(doc.getAuthor()).toBe('Introductie Positieve Gezondheid');
    expect(doc.getSubject()).toBe(`Certificaat ${CERTIFICATE.certificateId} voor Carla Jansen`);
    expect(doc.getCreationDate()).toEqual(new Date(CERTIFICATE.issuedAt));
    expect(doc.getModificationDate()).toEqual(new Date(CERTIFICATE.issuedAt));
    expect(decodeTextString(doc.catalog.get(PDFName.of('Lang')))).toBe('nl-NL');

    const annots = doc.getPage(0).node.Annots();
    expect(annots).toBeInstanceOf(PDFArray);
    const links = (annots?.asArray() ?? []).map((ref) => doc.context.lookup(ref, PDFDict));
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link?.get(PDFName.of('Subtype'))).toBe(PDFName.of('Link'));
    expect(link?.lookup(PDFName.of('Border'), PDFArray).asArray().map(String)).toEqual(['0', '0', '0']);
    const action = link?.lookup(PDFName.of('A'), PDFDict);
    expect(action?.get(PDFName.of('S'))).toBe(PDFName.of('URI'));
    expect(decodeTextString(action?.get(PDFName.of('URI')))).toBe(VERIFY_URL);

    const texts = await drawnTexts(bytes);
    expect(texts).toContain('CERTIFICAAT');
    expect(texts).toContain('Carla Jansen');
    expect(texts).toContain('Eén geaccrediteerd studie-uur staat gelijk aan één accreditatiepunt.');
    expect(texts).toContain(VERIFY_URL);
    expect(texts).toContain('Uitgegeven op 22 november 2026');
  });

  it('draws and stores delimiters, €, accents and non-Latin names faithfully', async () => {
    const courseTitle = 'Gezondheid (Positief) \\ € 5 – één';
    const participantName = '王小明 (Zoë) “Ağaoğlu”';
    const bytes = await renderCertificatePdf({ ...CERTIFICATE, courseTitle, participantName }, { verifyUrl: VERIFY_URL });
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe(`Certificaat ${courseTitle}`);
    expect(doc.getSubject()).toBe(`Certificaat ${CERTIFICATE.certificateId} voor ${participantName}`);
    expect(doc.getAuthor()).toBe(courseTitle);
    const texts = await drawnTexts(bytes);
    expect(texts).toContain(courseTitle);
    expect(texts).toContain('??? (Zoë) “Agaoglu”');
  });
});

const INFO: DocumentInfo = {
  title: 'T',
  subject: 'S',
  author: 'A',
  creator: 'C',
  producer: 'P',
  created: new Date(0),
  modified: new Date(0),
};
