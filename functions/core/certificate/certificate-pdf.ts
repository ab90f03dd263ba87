/**
 * The certificate as a one-page A4 PDF (our own small writer, the standard Helvetica fonts,
 * nothing to load).
 *
 * The page carries a clickable link to the public verification page; the file is not compressed,
 * so that link, with the certificate id in it, is plain text in the file and any tool (or person
 * with a text editor) can find the id. Characters the standard fonts cannot draw (outside
 * Windows-1252) are drawn without their accent, or as "?", rather than failing.
 */
import type { Certificate } from './ports.js';
import { formatDutchDate, formatHours } from './format.js';
import { HELVETICA, HELVETICA_BOLD, PdfPage, canDraw, widthOfText, writePdf, type Rgb, type StandardFont } from './pdf-writer.js';

const A4: [number, number] = [595.28, 841.89];
const GREEN: Rgb = [0.12, 0.42, 0.33];
const INK: Rgb = [0.13, 0.13, 0.13];
const GREY: Rgb = [0.38, 0.38, 0.38];
const WHITE: Rgb = [1, 1, 1];
/** Text stays this far from the page's edges (inside the frame). */
const TEXT_MARGIN = 48;

/** Async, as it was when a PDF library drew it, so callers need not change. */
export async function renderCertificatePdf(certificate: Certificate, options: { verifyUrl: string }): Promise<Uint8Array> {
  const issued = new Date(certificate.issuedAt);
  const [width, height] = A4;
  const page = new PdfPage(width, height);
  const regular = HELVETICA;
  const bold = HELVETICA_BOLD;
  const margin = 56;

  // A frame and a band of colour at the top.
  page.drawRectangle({ x: 28, y: 28, width: width - 56, height: height - 56, border: { color: GREEN, width: 1.5 } });
  page.drawRectangle({ x: 28, y: height - 118, width: width - 56, height: 90, fill: GREEN });
  centered(page, bold, 'CERTIFICAAT', 30, height - 82, WHITE);
  centered(page, regular, certificate.courseTitle, 13, height - 106, WHITE);

  let y = height - 200;
  centered(page, regular, 'Hierbij bevestigen wij dat', 13, y, GREY);
  y -= 44;
  centered(page, bold, certificate.participantName, 26, y, INK);
  y -= 40;
  centered(page, regular, 'de e-learning, de opdrachten, de eindtoets en het persoonlijke contactmoment', 12, y, INK);
  y -= 18;
  centered(page, regular, 'met een gecertificeerde coach heeft doorlopen van', 12, y, INK);
  y -= 32;
  centered(page, bold, certificate.courseTitle, 17, y, GREEN);
  y -= 20;
  centered(page, regular, `versie ${certificate.courseVersion}`, 11, y, GREY);

  y -= 60;
  const rows: [string, string][] = [
    ['Afgerond op', formatDutchDate(certificate.completedOn)],
    ['Studiebelasting', `${formatHours(certificate.studyHours)} uur`],
    ['Accreditatiepunten', formatHours(certificate.accreditationPoints)],
    ['Coach', certificate.coachName],
    ['Certificaatnummer', certificate.certificateId],
  ];
  const labelX = margin + 60;
  const valueX = margin + 220;
  for (const [label, value] of rows) {
    const shown = drawable(bold, value);
    page.drawText(drawable(regular, label), { x: labelX, y, size: 12, font: regular, color: GREY });
    page.drawText(shown, { x: valueX, y, size: fittingSize(bold, shown, 12, width - TEXT_MARGIN - valueX), font: bold, color: INK });
    y -= 26;
  }

  y -= 30;
  const note = 'Eén geaccrediteerd studie-uur staat gelijk aan één accreditatiepunt.';
  centered(page, regular, note, 10, y, GREY);

  // Verification: a sentence and the address as a link.
  y = 150;
  centered(page, regular, 'Echt? Controleer dit certificaat met het certificaatnummer op:', 10, y, GREY);
  y -= 18;
  const url = drawable(regular, options.verifyUrl);
  const urlSize = fittingSize(regular, url, 10, width - 2 * TEXT_MARGIN);
  const urlWidth = widthOfText(regular, url, urlSize);
  const urlX = (width - urlWidth) / 2;
  page.drawText(url, { x: urlX, y, size: urlSize, font: regular, color: GREEN });
  page.addLink([urlX, y - 3, urlX + urlWidth, y + urlSize + 2], options.verifyUrl);

  centered(page, regular, `Uitgegeven op ${formatDutchDate(certificate.issuedAt)}`, 9, 60, GREY);

  return writePdf(
    page,
    {
      title: `Certificaat ${certificate.courseTitle}`,
      subject: `Certificaat ${certificate.certificateId} voor ${certificate.participantName}`,
      author: certificate.courseTitle,
      creator: certificate.courseTitle,
      producer: `${certificate.courseTitle} (certificate PDF writer)`,
      created: issued,
      modified: issued,
    },
    'nl-NL',
  );
}

/** Centred between the frame's margins; a long name or title is set smaller until it fits. */
function centered(page: PdfPage, font: StandardFont, text: string, size: number, y: number, color: Rgb): void {
  const safe = drawable(font, text);
  const fitted = fittingSize(font, safe, size, page.width - 2 * TEXT_MARGIN);
  const width = widthOfText(font, safe, fitted);
  page.drawText(safe, { x: (page.width - width) / 2, y, size: fitted, font, color });
}

/** The largest size up to `size` (and not below 7 pt) at which the text fits in `maxWidth`. */
export function fittingSize(font: StandardFont, text: string, size: number, maxWidth: number): number {
  const width = widthOfText(font, text, size);
  return width <= maxWidth ? size : Math.max(7, Math.floor(((size * maxWidth) / width) * 10) / 10);
}

/** Letters with a stroke have no decomposition: their plain letter by hand. */
const STROKED: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't' };

/** The text with every character the font cannot draw replaced by its unaccented form, or "?". */
export function drawable(font: StandardFont, text: string): string {
  let out = '';
  for (const char of text) {
    if (canDraw(font, char)) out += char;
    else {
      const plain = (STROKED[char] ?? char).normalize('NFD').replace(/\p{M}/gu, '');
      out += plain !== '' && [...plain].every((c) => canDraw(font, c)) ? plain : '?';
    }
  }
  return out;
}
