/** GET /api/accreditation/report?courseId=&from=&to=&status=: the accreditation report as JSON (accreditor role). */
import { routeHandler } from '../../http/route-handler.js';
import { queryParams } from '../../http/request.js';
import { json } from '../../http/response.js';
import { parseInput } from '../../http/parse-input.js';
import { loadCourse } from '../../core/course/load.js';
import { accreditationReport, ReportFilter } from '../../core/accreditation/report.js';
import { completionIndex, contactRecordStore, enrolmentStore, readinessStore, registrationNumberStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/accreditation/report', async (event, { deps }) => {
  const filter = parseInput(ReportFilter, queryParams(event));
  const rows = await accreditationReport(deps)(filter, [loadCourse().id]);
  return json(200, { filter, rows }, { 'cache-control': 'private, no-store' });
}, { deps: () => ({ completions: completionIndex(), registrationNumbers: registrationNumberStore(), contactRecords: contactRecordStore(), readiness: readinessStore(), enrolments: enrolmentStore() }) });
