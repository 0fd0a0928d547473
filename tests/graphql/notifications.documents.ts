import { graphql } from '../gql';

/** Documents of the notification tests. */
export const NOTIFICATIONS = graphql(`
  query Notifications($first: Int, $after: String, $filter: NotificationFilter, $language: NotificationLanguage) {
    notifications(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        cause
        subjectType
        subjectId
        dueAt
        params
        createdAt
        readAt
        read
        title(language: $language)
        body(language: $language)
      }
    }
  }
`);

export const UNREAD_NOTIFICATION_COUNT = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const MARK_NOTIFICATIONS_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) {
      marked
      unreadCount
    }
  }
`);

export const NOTIFICATION_PREFERENCES = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kind
      inApp
      email
      customized
    }
  }
`);

export const SET_NOTIFICATION_PREFERENCES = graphql(`
  mutation SetNotificationPreferences($preferences: [NotificationPreferenceInput!]!) {
    setNotificationPreferences(preferences: $preferences) {
      kind
      inApp
      email
      customized
    }
  }
`);

export const RUN_NOTIFICATION_RULES = graphql(`
  mutation RunNotificationRules($kinds: [NotificationKind!]) {
    runNotificationRules(kinds: $kinds) {
      created
      mailsQueued
      byKind {
        kind
        count
      }
    }
  }
`);

export const NOTIFICATION_RECEIVED = graphql(`
  subscription NotificationReceived {
    notificationReceived {
      id
      kind
      cause
      subjectId
      params
      title(language: ZH_CN)
      body(language: EN)
    }
  }
`);
