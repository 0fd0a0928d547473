import { graphql } from '../gql';

/** Documents of the deal event tests. */
export const EVENTS = graphql(`
  query Events($first: Int, $after: String, $filter: EventFilter) {
    events(first: $first, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        cursor
        type
        aggregateType
        aggregateId
        aggregateVersion
        occurredAt
        payload
        hiddenFields
        actor {
          name
        }
      }
    }
  }
`);

export const DEAL_CHANGED = graphql(`
  subscription DealChanged($filter: DealChangedFilter) {
    dealChanged(filter: $filter) {
      id
      type
      aggregateType
      aggregateId
      payload
      hiddenFields
      actor {
        name
      }
    }
  }
`);

export const APPROVAL_REQUESTED = graphql(`
  subscription ApprovalRequested {
    approvalRequested {
      id
      type
      aggregateId
      payload
    }
  }
`);

export const CREATE_WEBHOOK = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        url
        eventTypes
        status
      }
    }
  }
`);

export const WEBHOOKS = graphql(`
  query Webhooks {
    webhooks {
      id
      url
      status
      consecutiveFailures
    }
  }
`);

export const WEBHOOK_DELIVERIES = graphql(`
  query WebhookDeliveries($webhookId: ID!, $eventId: ID) {
    webhookDeliveries(webhookId: $webhookId, eventId: $eventId) {
      id
      eventId
      status
      attempts
      lastStatusCode
      lastError
      deliveredAt
      log {
        statusCode
        error
        latencyMs
      }
    }
  }
`);

export const REDELIVER = graphql(`
  mutation Redeliver($webhookId: ID!, $eventId: ID!) {
    redeliver(webhookId: $webhookId, eventId: $eventId) {
      id
      status
    }
  }
`);

export const REPLAY = graphql(`
  mutation Replay($webhookId: ID!, $from: String!, $first: Int) {
    replay(webhookId: $webhookId, from: $from, first: $first) {
      queued
      endCursor
      hasMore
    }
  }
`);

/** The delivery tests compare sets of event ids: each consumer reads only the id and where it stands in the stream. */
export const DEAL_CHANGED_IDS = graphql(`
  subscription DealChangedIds {
    dealChanged {
      id
      cursor
    }
  }
`);

export const EVENT_IDS = graphql(`
  query EventIds($first: Int, $after: String) {
    events(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        cursor
      }
    }
  }
`);

export const WEBHOOK_FIELDS = graphql(`
  query WebhookFields {
    webhooks {
      id
      version
      url
      eventTypes
      status
      consecutiveFailures
      pausedAt
      previousSecretExpiresAt
    }
  }
`);

export const UPDATE_WEBHOOK = graphql(`
  mutation UpdateWebhook($id: ID!, $version: Int!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, version: $version, input: $input) {
      id
      version
      url
      eventTypes
      status
    }
  }
`);

export const PAUSE_WEBHOOK = graphql(`
  mutation PauseWebhook($id: ID!) {
    pauseWebhook(id: $id) {
      id
      version
      status
      pausedAt
    }
  }
`);

export const RESUME_WEBHOOK = graphql(`
  mutation ResumeWebhook($id: ID!) {
    resumeWebhook(id: $id) {
      id
      version
      status
      pausedAt
    }
  }
`);

export const DELETE_WEBHOOK = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

export const ROTATE_WEBHOOK_SECRET = graphql(`
  mutation RotateWebhookSecret($id: ID!, $graceSeconds: Int) {
    rotateWebhookSecret(id: $id, graceSeconds: $graceSeconds) {
      secret
      webhook {
        id
        version
        previousSecretExpiresAt
      }
    }
  }
`);
