/** GET /api/certificate: the participant's certificate as a PDF (the same certificate on every download). */
import { routeHandler } from '../../http/route-handler.js';
import { participantContext, participantDeps } from '../../http/participant.js';
import { publicBaseUrl } from '../../http/public-url.js';
import { participantCertificate } from '../../core/certificate/participant-certificate.js';
import { renderCertificatePdf } from '../../core/certificate/certificate-pdf.js';
import { certificateStore, contactRecordStore, readinessStore, statementStore, userStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/certificate', async (event, { principal, deps }) => {
  const { course, enrolment, name } = await participantContext(principal, deps);
  const certificate = await participantCertificate(deps)({ enrolment, course, participantName: name });
  const pdf = await renderCertificatePdf(certificate, { verifyUrl: `${publicBaseUrl(event)}/verify/${certificate.certificateId}` });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="certificaat-introductie-positieve-gezondheid.pdf"',
      'cache-control': 'private, no-store',
      'x-certificate-id': certificate.certificateId,
    },
    body: Buffer.from(pdf).toString('base64'),
    isBase64Encoded: true,
  };
}, { deps: () => ({ ...participantDeps(), certificates: certificateStore(), readiness: readinessStore(), statements: statementStore(), users: userStore(), contactRecords: contactRecordStore() }) });
