import { graphql } from '../gql';

/** GraphQL documents of the work report and meeting tests (typed by `npm run codegen`). */

export const WORK_REPORT_FIELDS = graphql(`
  fragment WorkReportFields on WorkReport {
    id
    version
    kind
    periodStart
    periodEnd
    title
    progress
    problems
    helpNeeded
    plan
    analysis
    status
    deadlineAt
    submittedAt
    late
    reviewedAt
    reviewComment
    score
    author {
      id
      name
    }
    reviewedBy {
      id
    }
    visits {
      id
      visitedOn
    }
    acknowledgements {
      acknowledgedAt
      comment
      user {
        id
      }
    }
  }
`);

export const CREATE_WORK_REPORT = graphql(`
  mutation CreateWorkReport($input: CreateWorkReportInput!) {
    createWorkReport(input: $input) {
      ...WorkReportFields
    }
  }
`);

export const UPDATE_WORK_REPORT = graphql(`
  mutation UpdateWorkReport($id: ID!, $version: Int!, $input: WorkReportTextInput!) {
    updateWorkReport(id: $id, version: $version, input: $input) {
      ...WorkReportFields
    }
  }
`);

export const SUBMIT_WORK_REPORT = graphql(`
  mutation SubmitWorkReport($id: ID!, $version: Int!) {
    submitWorkReport(id: $id, version: $version) {
      ...WorkReportFields
    }
  }
`);

export const REVIEW_WORK_REPORT = graphql(`
  mutation ReviewWorkReport($id: ID!, $version: Int!, $input: ReviewWorkReportInput!) {
    reviewWorkReport(id: $id, version: $version, input: $input) {
      ...WorkReportFields
    }
  }
`);

export const ACKNOWLEDGE_WORK_REPORT = graphql(`
  mutation AcknowledgeWorkReport($id: ID!, $comment: String) {
    acknowledgeWorkReport(id: $id, comment: $comment) {
      ...WorkReportFields
    }
  }
`);

export const WORK_REPORT = graphql(`
  query WorkReport($id: ID!) {
    workReport(id: $id) {
      ...WorkReportFields
    }
  }
`);

export const WORK_REPORTS = graphql(`
  query WorkReports($filter: WorkReportFilter, $first: Int) {
    workReports(filter: $filter, first: $first) {
      totalCount
      nodes {
        id
        kind
        periodStart
        status
        late
        score
        reviewComment
        author {
          id
          name
        }
      }
    }
  }
`);

export const PROPOSE_DAILY_REPORT = graphql(`
  query ProposeDailyReport($date: LocalDate) {
    proposeDailyReport(date: $date) {
      date
      progress
      visits {
        id
      }
      stageMoves {
        id
        toStage
      }
      existing {
        id
      }
    }
  }
`);

export const REPORT_DEADLINES = graphql(`
  query ReportDeadlines {
    reportDeadlines {
      kind
      role
      dueAfterMinutes
      description
    }
  }
`);

export const REPORT_COMPLIANCE = graphql(`
  query ReportCompliance($kind: WorkReportKind!, $from: LocalDate!, $to: LocalDate!, $orgUnitId: ID) {
    reportCompliance(kind: $kind, from: $from, to: $to, orgUnitId: $orgUnitId) {
      userId
      userName
      role
      orgUnitId
      periodStart
      deadlineAt
      compliance
      reviewed
      reportId
      reportStatus
      submittedAt
    }
  }
`);

export const MEETING_FIELDS = graphql(`
  fragment MeetingFields on Meeting {
    id
    version
    kind
    heldOn
    title
    minutes
    orgUnit {
      id
    }
    attendees {
      id
      name
    }
    createdBy {
      id
    }
    actionItems {
      id
      version
      position
      description
      dueOn
      status
      doneAt
      owner {
        id
      }
    }
  }
`);

export const CREATE_MEETING = graphql(`
  mutation CreateMeeting($input: CreateMeetingInput!) {
    createMeeting(input: $input) {
      ...MeetingFields
    }
  }
`);

export const UPDATE_MEETING = graphql(`
  mutation UpdateMeeting($id: ID!, $version: Int!, $input: UpdateMeetingInput!) {
    updateMeeting(id: $id, version: $version, input: $input) {
      ...MeetingFields
    }
  }
`);

export const SET_ACTION_ITEM_STATUS = graphql(`
  mutation SetActionItemStatus($id: ID!, $version: Int!, $status: ActionItemStatus!) {
    setActionItemStatus(id: $id, version: $version, status: $status) {
      id
      version
      status
      doneAt
    }
  }
`);

export const MEETINGS = graphql(`
  query Meetings($filter: MeetingFilter) {
    meetings(filter: $filter) {
      totalCount
      nodes {
        ...MeetingFields
      }
    }
  }
`);

export const MEETING = graphql(`
  query Meeting($id: ID!) {
    meeting(id: $id) {
      ...MeetingFields
    }
  }
`);
