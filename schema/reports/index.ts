/** The reports module's public face: what other modules and `api/` may use. */
export { REPORT_NOTIFICATION_RULES } from './reports.notification-rules';
export { ReportsService } from './reports.service';
export { MeetingsService } from './meetings.service';
export { workReportRowScope, meetingRowScope } from './reports.policy';
export { WorkReportKind, WorkReportStatus, ReportComplianceStatus, MeetingKind, ActionItemStatus } from './reports.enums';
