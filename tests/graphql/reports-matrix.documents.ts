import { graphql } from '../gql';

/** GraphQL documents of the work report and meeting role matrix (typed by `npm run codegen`). */

export const REPORTS_MATRIX_REPORTS = graphql(`
  query ReportsMatrixReports($filter: WorkReportFilter) {
    workReports(filter: $filter, first: 100) {
      totalCount
      nodes {
        id
        status
        score
        reviewComment
      }
    }
  }
`);

export const REPORTS_MATRIX_MEETINGS = graphql(`
  query ReportsMatrixMeetings {
    meetings {
      totalCount
      nodes {
        id
        actionItems {
          id
        }
      }
    }
  }
`);

export const REPORTS_MATRIX_DEADLINES = graphql(`
  query ReportsMatrixDeadlines {
    reportDeadlines {
      kind
      role
    }
  }
`);

export const REPORTS_MATRIX_COMPLIANCE = graphql(`
  query ReportsMatrixCompliance {
    reportCompliance(kind: MONTHLY, from: "2026-11-01", to: "2026-11-01") {
      userId
      compliance
    }
  }
`);
