/**
 * The public verification of a certificate: anyone with the certificate id may confirm that it is
 * genuine. It shows only what the certificate itself states publicly (name, course, study hours,
 * completion date), never an e-mail address, a registration number, scores or other personal data.
 */
import { NotFoundError } from '../errors.js';
import { normalizeCertificateId } from './certificate-id.js';
import { formatDutchDate, formatHours } from './format.js';
import type { CertificateStore } from './ports.js';

export interface VerifiedCertificate {
  valid: true;
  certificateId: string;
  name: string;
  course: { title: string; version: string };
  studyHours: number;
  completedOn: string;
  /** The participant had their data erased: the certificate stands, without their name. */
  nameErased: boolean;
}

export const UNKNOWN_CERTIFICATE_MESSAGE =
  'Dit certificaatnummer is bij ons niet bekend. Controleer of je het nummer goed hebt overgenomen (26 tekens, letters A-Z en cijfers 2-7); bij twijfel kun je contact opnemen met de deelnemer of met ons.';


export const verifyCertificate =
  (deps: { certificates: CertificateStore }) =>
  async (input: { certificateId: string }): Promise<VerifiedCertificate> => {
    const id = normalizeCertificateId(input.certificateId);
    const certificate = id ? await deps.certificates.get(id) : undefined;
    if (!certificate) throw new NotFoundError(UNKNOWN_CERTIFICATE_MESSAGE);
    return {
      valid: true,
      certificateId: certificate.certificateId,
      name: certificate.participantName,
      course: { title: certificate.courseTitle, version: certificate.courseVersion },
      studyHours: certificate.studyHours,
      completedOn: certificate.completedOn,
      nameErased: certificate.erasedAt !== undefined,
    };
  };

/** A small self-contained Dutch page (no scripts, no external resources). */
export function verificationPage(result: VerifiedCertificate | { valid: false }): string {
  const body =
    result.valid
      ? `<p class="ok">Dit certificaat is echt.</p>
<dl>
  <dt>Naam</dt><dd>${escapeHtml(result.name)}</dd>
  <dt>Cursus</dt><dd>${escapeHtml(result.course.title)} (versie ${escapeHtml(result.course.version)})</dd>
  <dt>Studiebelasting</dt><dd>${escapeHtml(formatHours(result.studyHours))} uur</dd>
  <dt>Afgerond op</dt><dd>${escapeHtml(formatDutchDate(result.completedOn))}</dd>
  <dt>Certificaatnummer</dt><dd><code>${escapeHtml(result.certificateId)}</code></dd>
</dl>${result.nameErased ? '\n<p>De deelnemer heeft gevraagd al zijn of haar gegevens te verwijderen. Het certificaat blijft geldig, maar de naam bewaren we niet meer.</p>' : ''}`
      : `<p class="unknown">${escapeHtml(UNKNOWN_CERTIFICATE_MESSAGE)}</p>`;
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Certificaat controleren</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { color: #1f6b54; font-size: 1.5rem; }
.ok { font-weight: bold; color: #1f6b54; }
.unknown { font-weight: bold; color: #8a1c1c; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1.2rem; }
dt { color: #555; }
dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>Certificaat controleren</h1>
${body}
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
