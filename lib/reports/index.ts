/** Quarterly reports: the report as plain data (model), its quarters, and its PDF rendering. No database or framework imports. */
export { keyFindings, reportFileName, scopeNames, slugify } from './model';
export type {
  HighRiskPerson,
  Listing,
  OverduePerson,
  QuarterlyReport,
  ReportException,
  ReportFigures,
  ReportFinding,
  ReportPosture,
  ReportQuarter,
  ReportScope,
  ReportTeamRow,
} from './model';
export { appLabel, postureOfDevices } from './posture';
export {
  isQuarterComplete,
  lastDayOf,
  parseQuarterLabel,
  QUARTER_LABEL_PATTERN,
  quarterOptionLabel,
  quartersEndingWith,
  reportableQuarters,
  reportInstant,
} from './quarters';
export { renderReportPdf } from './pdf/document';
