import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { base32, newCertificateId, normalizeCertificateId } from '../../../functions/core/certificate/certificate-id.js';
import { drawable, fittingSize, renderCertificatePdf } from '../../../functions/core/certificate/certificate-pdf.js';
import { HELVETICA, HELVETICA_BOLD, widthOfText } from '../../../functions/core/certificate/pdf-writer.js';
import { verificationPage } from '../../../functions/core/certificate/verification.js';
import { aCertificate } from '../../support/certificates.js';

describe('certificate ids', () => {
  it('are RFC 4648 base32', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
    expect(base32(new TextEncoder().encode('f'))).toBe('MY');
  });

  it('carry 128 random bits in 26 characters, and read back however they are typed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const id = newCertificateId(() => bytes);
        expect(id).toMatch(/^[A-Z2-7]{26}$/);
        expect(normalizeCertificateId(id)).toBe(id);
        expect(normalizeCertificateId(id.toLowerCase().replace(/(.{4})/g, '$1 - '))).toBe(id);
      }),
    );
    expect(new Set(Array.from({ length: 1000 }, () => newCertificateId())).size).toBe(1000);
  });

  it('are refused when they cannot be one', () => {
    for (const input of ['', 'ABC', 'A'.repeat(27), `${'A'.repeat(25)}1`, '../../etc/passwd']) expect(normalizeCertificateId(input)).toBeUndefined();
  });
});

describe('the certificate PDF', () => {
  it('is an A4 PDF with the id and the verification link in plain text, and the details in its metadata', async () => {
    const certificate = aCertificate();
    const bytes = await renderCertificatePdf(certificate, { verifyUrl: `https://introductie-pg.nl/verify/${certificate.certificateId}` });
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain(`https://introductie-pg.nl/verify/${certificate.certificateId}`);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getSubject()).toContain(certificate.certificateId);
  });

  it('draws names the standard fonts cannot encode, without failing', async () => {
    const font = HELVETICA;
    expect(drawable(font, 'Zoë Çelik')).toBe('Zoë Çelik');
    expect(drawable(font, 'Łukasz Dvořák')).toBe('Lukasz Dvorák');
    expect(drawable(font, '王 Ağaoğlu')).toBe('? Agaoglu');
    await expect(renderCertificatePdf(aCertificate({ participantName: '王小明 Ağaoğlu' }), { verifyUrl: 'https://x.nl/verify/A' })).resolves.toBeInstanceOf(Uint8Array);
  });
});

describe('the verification page', () => {
  it('escapes what it shows', () => {
    const page = verificationPage({ valid: true, certificateId: 'A', name: '<script>alert(1)</script>', course: { title: 'T & C', version: '1' }, studyHours: 4.5, completedOn: '2026-11-20', nameErased: false });
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;');
    expect(page).toContain('T &amp; C');
    expect(page).toContain('4,5 uur');
    expect(page).toContain('20 november 2026');
    expect(page).not.toContain('verwijderen');
  });

  it('says why the name is missing after the participant had their data erased', () => {
    const page = verificationPage({ valid: true, certificateId: 'A', name: 'Deelnemer (gegevens verwijderd)', course: { title: 'T', version: '1' }, studyHours: 5, completedOn: '2026-11-20', nameErased: true });
    expect(page).toContain('Het certificaat blijft geldig');
  });
});

describe('fitting text on the page', () => {
  it('sets a long name smaller, never wider than the room it has', () => {
    const font = HELVETICA_BOLD;
    const name = 'Annemarie Wilhelmina van der Heijden-Vermeulen';
    const size = fittingSize(font, name, 26, 499);
    expect(size).toBeLessThan(26);
    expect(widthOfText(font, name, size)).toBeLessThanOrEqual(499);
    expect(fittingSize(font, 'Carla Jansen', 26, 499)).toBe(26);
  });
});
