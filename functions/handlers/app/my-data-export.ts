/** GET /api/me/export: everything the module keeps about the signed-in participant, as a JSON download. */
import { routeHandler } from '../../http/route-handler.js';
import { personOf } from '../../http/principals.js';
import { loadCourse } from '../../core/course/load.js';
import { exportMyData } from '../../core/privacy/export-my-data.js';
import { certificateStore, consentStore, contactRecordStore, draftStore, enrolmentStore, exportStore, now, packageRecordStore, packageStore, readinessStore, registrationNumberStore, slotStore, statementStore, userStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/me/export', async (_event, { principal, deps }) => {
  const data = await exportMyData(deps)({ userId: personOf(principal).userId, course: loadCourse() });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="mijn-gegevens-introductie-positieve-gezondheid-${data.exportedAt.slice(0, 10)}.json"`,
      'cache-control': 'private, no-store',
    },
    body: JSON.stringify(data, null, 2),
  };
}, { deps: () => ({ users: userStore(), enrolments: enrolmentStore(), statements: statementStore(), drafts: draftStore(), readiness: readinessStore(), consents: consentStore(), slots: slotStore(), contactRecords: contactRecordStore(), certificates: certificateStore(), registrationNumbers: registrationNumberStore(), packages: packageStore(), packageRecords: packageRecordStore(), exports: exportStore(), now }) });
