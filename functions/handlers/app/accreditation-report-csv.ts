/** GET /api/accreditation/report.csv?courseId=&from=&to=: the completions as CSV for a register's bulk import (accreditor role). */
import { routeHandler } from '../../http/route-handler.js';
import { queryParams } from '../../http/request.js';
import { parseInput } from '../../http/parse-input.js';
import { loadCourse } from '../../core/course/load.js';
import { accreditationReport, reportCsv, ReportFilter } from '../../core/accreditation/report.js';
import { completionIndex, contactRecordStore, enrolmentStore, readinessStore, registrationNumberStore } from '../../composition/stores.js';

export const handler = routeHandler('GET /api/accreditation/report.csv', async (event, { deps }) => {
  // The CSV lists completions only, whatever status asks for.
  const filter = { ...parseInput(ReportFilter, queryParams(event)), status: 'completed' as const };
  const rows = await accreditationReport(deps)(filter, [loadCourse().id]);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="afgeronde-deelnemers${filter.from ? `-vanaf-${filter.from}` : ''}${filter.to ? `-tot-en-met-${filter.to}` : ''}.csv"`,
      'cache-control': 'private, no-store',
    },
    body: reportCsv(rows),
  };
}, { deps: () => ({ completions: completionIndex(), registrationNumbers: registrationNumberStore(), contactRecords: contactRecordStore(), readiness: readinessStore(), enrolments: enrolmentStore() }) });
