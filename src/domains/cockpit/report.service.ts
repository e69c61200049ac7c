/** The monthly report of a union by code, for the command line (`unioncare report monthly`). */
import type { Database } from '../../db/index.ts';
import type { Lang } from '../../platform/i18n.ts';
import { findUnionByCode } from '../unions/union.repository.ts';
import { COCKPIT_LEVELS } from './cockpit.policy.ts';
import { monthlyReport } from './monthly-report.ts';
import { reportPdf, reportXlsx } from './report-render.ts';

export class ReportInputError extends Error {}

export async function renderMonthlyReport(
  db: Database,
  o: { union: string; month: string; format: 'pdf' | 'xlsx'; now: Date; lang?: Lang },
): Promise<{ fileName: string; body: Buffer }> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.month)) throw new ReportInputError(`--month must be YYYY-MM, not ${o.month}`);
  const union = await findUnionByCode(db, o.union);
  if (!union) throw new ReportInputError(`no union with code ${o.union}`);
  if (!COCKPIT_LEVELS.includes(union.kind)) {
    throw new ReportInputError(`${o.union} is a ${union.kind} union: reports are per district or higher federation`);
  }
  const scope = {
    path: union.path,
    unionId: union.id,
    code: union.code,
    name: union.name,
    regionCode: union.regionCode,
  };
  const report = await monthlyReport(db, scope, o.month, o.now);
  const body = o.format === 'pdf' ? await reportPdf(report, o.lang) : await reportXlsx(report, o.lang);
  return { fileName: `report-${union.code}-${o.month}.${o.format}`, body };
}
