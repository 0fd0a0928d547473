import { registerEnumType } from 'type-graphql';

/**
 * What a notification is about. The names are shared with the modules that write notification rules (work reports,
 * expenses, follow-up): each rule yields rows of one kind, and the texts are rendered from the kind and its params.
 */
export enum NotificationKind {
  COMPLAINT_SLA_BREACHED = 'COMPLAINT_SLA_BREACHED',
  NEXT_STEP_DUE = 'NEXT_STEP_DUE',
  VISIT_PLAN_DUE = 'VISIT_PLAN_DUE',
  LEAD_UNWORKED = 'LEAD_UNWORKED',
  KEY_CUSTOMER_UNVISITED = 'KEY_CUSTOMER_UNVISITED',
  INVOICE_OVERDUE = 'INVOICE_OVERDUE',
  REPORT_DUE = 'REPORT_DUE',
  REPORT_LATE = 'REPORT_LATE',
  REPORT_REVIEWED = 'REPORT_REVIEWED',
  APPROVAL_WAITING = 'APPROVAL_WAITING',
  APPROVAL_DECIDED = 'APPROVAL_DECIDED',
  RENEWAL_DUE = 'RENEWAL_DUE',
  EXPENSE_RETURNED = 'EXPENSE_RETURNED',
  EXPENSE_PAID = 'EXPENSE_PAID',
  ACTION_ITEM_DUE = 'ACTION_ITEM_DUE',
}

export const NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  valuesConfig: {
    COMPLAINT_SLA_BREACHED: { description: 'A complaint passed its SLA unresolved (to its handler, else the customer’s owner, and their manager).' },
    NEXT_STEP_DUE: { description: 'An opportunity’s or follow-up’s next step is due.' },
    VISIT_PLAN_DUE: { description: 'A planned visit is due.' },
    LEAD_UNWORKED: { description: 'A lead assigned to you was not worked for LEAD_UNWORKED_DAYS days.' },
    KEY_CUSTOMER_UNVISITED: { description: 'A key customer was not visited within its tier’s norm.' },
    INVOICE_OVERDUE: { description: 'An invoice is past its due date and not fully paid (to the invoice’s owner and finance).' },
    REPORT_DUE: { description: 'A work report is due within a day.' },
    REPORT_LATE: { description: 'A work report is late.' },
    REPORT_REVIEWED: { description: 'Your work report was reviewed.' },
    APPROVAL_WAITING: { description: 'A discount, a contract step, a target adjustment or an expense claim waits for your decision.' },
    APPROVAL_DECIDED: { description: 'What you asked to be approved was decided.' },
    RENEWAL_DUE: { description: 'A contract you own ends within the renewal window.' },
    EXPENSE_RETURNED: { description: 'Finance returned your expense claim.' },
    EXPENSE_PAID: { description: 'Your expense claim was paid.' },
    ACTION_ITEM_DUE: { description: 'A meeting action item you own is due.' },
  },
});

/** How a notification reaches its recipient. */
export enum NotificationChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
}
registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  valuesConfig: {
    IN_APP: { description: 'The inbox (`notifications`) and the `notificationReceived` subscription.' },
    EMAIL: { description: 'An e-mail to the user’s address (SMTP_URL; logged when unset).' },
  },
});

/**
 * The kinds that are e-mailed unless the user turns it off: the ones that cost money or a customer when missed
 * (an approval others wait on, a late report, a complaint past its SLA). Every kind is in the inbox unless turned off.
 */
export const EMAILED_BY_DEFAULT: readonly NotificationKind[] = [
  NotificationKind.APPROVAL_WAITING,
  NotificationKind.REPORT_LATE,
  NotificationKind.COMPLAINT_SLA_BREACHED,
];

/** The language a notification's title and body are rendered in, when the request's own is not wanted. */
export enum NotificationLanguage {
  EN = 'en',
  ZH_CN = 'zh-CN',
}
registerEnumType(NotificationLanguage, { name: 'NotificationLanguage' });
