import { NotificationKind } from './notifications.enums';
import { NotificationLanguage } from './notifications.enums';

/** A notification's params as the texts read them: every value as text, a missing one as empty. */
type Params = Readonly<Record<string, string>>;

interface Texts {
  title(p: Params): string;
  body(p: Params): string;
}

/** What an approval is about, in each language (params.subject). */
const SUBJECTS: Record<NotificationLanguage, Record<string, string>> = {
  [NotificationLanguage.EN]: { QUOTE: 'Quote discount', CONTRACT: 'Contract', TARGET_ADJUSTMENT: 'Target adjustment', EXPENSE_CLAIM: 'Expense claim' },
  [NotificationLanguage.ZH_CN]: { QUOTE: '报价折扣', CONTRACT: '合同', TARGET_ADJUSTMENT: '目标调整', EXPENSE_CLAIM: '费用报销' },
};

/** Work report kinds (params.kind of the report rules), in each language. */
const REPORT_KINDS: Record<NotificationLanguage, Record<string, string>> = {
  [NotificationLanguage.EN]: { DAILY: 'daily log', WEEKLY: 'weekly report', MONTHLY: 'monthly report', QUARTERLY: 'quarterly review', IMPORTANT_MATTER: 'important matter' },
  [NotificationLanguage.ZH_CN]: { DAILY: '工作日报', WEEKLY: '周报', MONTHLY: '月报', QUARTERLY: '季度述职报告', IMPORTANT_MATTER: '重要事项报告' },
};

/** A report's period: one day, or its first and last day. */
const period = (p: Params) => (p.periodStart === p.periodEnd || p.periodEnd === '' ? p.periodStart : `${p.periodStart}–${p.periodEnd}`);

const DECISIONS: Record<NotificationLanguage, Record<string, string>> = {
  [NotificationLanguage.EN]: { APPROVED: 'approved', REJECTED: 'rejected' },
  [NotificationLanguage.ZH_CN]: { APPROVED: '已批准', REJECTED: '已驳回' },
};

/** The name of what an approval is about: a quote's, contract's or claim's number and title, else nothing. */
const about = (p: Params) => [p.number || p.claimNumber, p.title].filter((part) => part !== '').join(' ');

/**
 * Titles and bodies per kind and language, made from params (the rules say which each kind carries: README
 * "Notifications"). Kept beside the rules rather than in the error catalogue: these are data for people's inboxes and
 * e-mails, rendered for the request's language like error messages are, and both languages are always complete.
 */
const TEXTS: Record<NotificationLanguage, Record<NotificationKind, Texts>> = {
  [NotificationLanguage.EN]: {
    COMPLAINT_SLA_BREACHED: {
      title: (p) => `Complaint past its SLA: ${p.title}`,
      body: (p) => `The ${p.severity} complaint "${p.title}" of ${p.customer} was due by ${p.slaDueAt} and is still open (handler: ${p.handler}).`,
    },
    NEXT_STEP_DUE: {
      title: (p) => `Next step due: ${p.opportunityName}`,
      body: (p) => `The next step "${p.nextStep}" on ${p.opportunityName} (${p.customerName}) is due on ${p.nextStepDate}.`,
    },
    VISIT_PLAN_DUE: {
      title: (p) => `Planned visit: ${p.customerName}`,
      body: (p) => `You planned to visit ${p.customerName} on ${p.plannedOn} at ${p.plannedTime}${p.purpose === '' ? '' : ` (${p.purpose})`}.`,
    },
    LEAD_UNWORKED: {
      title: (p) => `Lead not worked for ${p.days} days: ${p.company}`,
      body: (p) => `The lead ${p.company} (${p.contact}) is ${p.status} and has not changed since ${p.since}.`,
    },
    KEY_CUSTOMER_UNVISITED: {
      title: (p) => `Key customer not visited: ${p.customerName}`,
      body: (p) =>
        `${p.customerName} (tier ${p.tier}) was last contacted ${p.lastContactOn || 'never'}; its norm is every ${p.maxDaysBetweenContacts} days, so contact was due by ${p.nextContactDueOn} (${p.daysOverdue} days overdue).`,
    },
    INVOICE_OVERDUE: {
      title: (p) => `Invoice overdue: ${p.number}`,
      body: (p) => `Invoice ${p.number} of ${p.customer} was due on ${p.dueDate}; ${p.outstanding} ${p.currency} is still open (${p.daysOverdue} days overdue).`,
    },
    REPORT_DUE: {
      title: (p) => `Work report due: ${REPORT_KINDS.en[p.kind] ?? p.kind} ${period(p)}`,
      body: (p) => `Your ${REPORT_KINDS.en[p.kind] ?? p.kind} for ${period(p)} is due by ${p.deadlineLocal} (${p.timeZone}).`,
    },
    REPORT_LATE: {
      title: (p) => `Work report late: ${p.authorName} ${REPORT_KINDS.en[p.kind] ?? p.kind} ${period(p)}`,
      body: (p) =>
        `The ${REPORT_KINDS.en[p.kind] ?? p.kind} of ${p.authorName} for ${period(p)} was due by ${p.deadlineLocal} (${p.timeZone}) and ${p.missing === 'true' ? 'has not been submitted' : 'is still a draft'}.`,
    },
    REPORT_REVIEWED: {
      title: (p) => `Report reviewed: ${REPORT_KINDS.en[p.kind] ?? p.kind} ${period(p)}`,
      body: (p) => `${p.reviewerName} reviewed your ${REPORT_KINDS.en[p.kind] ?? p.kind} for ${period(p)}${p.title === '' ? '' : ` "${p.title}"`} and scored it ${p.score} of 5.`,
    },
    APPROVAL_WAITING: {
      title: (p) => `Waiting for your approval: ${SUBJECTS.en[p.subject] ?? p.subject} ${about(p)}`.trim(),
      body: (p) =>
        p.subject === 'TARGET_ADJUSTMENT'
          ? `${p.requestedBy} asks to change a target from ${p.previousValue} to ${p.newValue}: ${p.reason}`
          : p.subject === 'QUOTE'
            ? `${p.requestedBy} asks for a ${p.discountPercent}% discount on quote ${p.number} for ${p.customer} (${p.amount} ${p.currency}).`
            : p.subject === 'EXPENSE_CLAIM'
              ? `${p.claimantName} asks you to approve expense claim ${p.claimNumber} "${p.title}" of ${p.totalAmount} ${p.currency}${p.overBudget === 'true' ? ', over budget' : ''}.`
            : `${p.requestedBy} asks you to approve ${SUBJECTS.en[p.subject] ?? p.subject} ${about(p)} for ${p.customer} (${p.amount} ${p.currency}).`,
    },
    APPROVAL_DECIDED: {
      title: (p) => `${SUBJECTS.en[p.subject] ?? p.subject} ${about(p)} ${DECISIONS.en[p.decision] ?? p.decision}`.replace(/\s+/g, ' '),
      body: (p) => `${p.decidedBy} ${DECISIONS.en[p.decision] ?? p.decision} it.${p.comment === '' ? '' : ` Comment: ${p.comment}`}`,
    },
    RENEWAL_DUE: {
      title: (p) => `Contract due for renewal: ${p.number}`,
      body: (p) => `Contract ${p.number} "${p.title}" with ${p.customer} ends on ${p.endDate} (${p.daysLeft} days left).`,
    },
    EXPENSE_RETURNED: {
      title: (p) => `Expense claim returned: ${p.claimNumber}`,
      body: (p) => `${p.returnedByName} returned your claim ${p.claimNumber} "${p.title}" (${p.totalAmount} ${p.currency}): ${p.reason}`,
    },
    EXPENSE_PAID: {
      title: (p) => `Expense claim paid: ${p.claimNumber}`,
      body: (p) => `Your claim ${p.claimNumber} "${p.title}" of ${p.totalAmount} ${p.currency} was paid on ${p.paidOn} (reference ${p.paymentReference}).`,
    },
    ACTION_ITEM_DUE: {
      title: (p) => `Action item due: ${p.description}`,
      body: (p) => `The action item "${p.description}" from the meeting "${p.meetingTitle}" of ${p.heldOn} is due on ${p.dueOn}.`,
    },
  },
  [NotificationLanguage.ZH_CN]: {
    COMPLAINT_SLA_BREACHED: {
      title: (p) => `投诉已超时：${p.title}`,
      body: (p) => `${p.customer}的${p.severity}级投诉“${p.title}”应于 ${p.slaDueAt} 前处理，至今未解决（处理人：${p.handler}）。`,
    },
    NEXT_STEP_DUE: {
      title: (p) => `下一步到期：${p.opportunityName}`,
      body: (p) => `商机“${p.opportunityName}”（${p.customerName}）的下一步“${p.nextStep}”应于 ${p.nextStepDate} 完成。`,
    },
    VISIT_PLAN_DUE: {
      title: (p) => `计划拜访：${p.customerName}`,
      body: (p) => `你计划于 ${p.plannedOn} ${p.plannedTime} 拜访${p.customerName}${p.purpose === '' ? '' : `（${p.purpose}）`}。`,
    },
    LEAD_UNWORKED: {
      title: (p) => `线索 ${p.days} 天未跟进：${p.company}`,
      body: (p) => `线索${p.company}（${p.contact}）状态为 ${p.status}，自 ${p.since} 起没有任何跟进。`,
    },
    KEY_CUSTOMER_UNVISITED: {
      title: (p) => `重点客户未拜访：${p.customerName}`,
      body: (p) =>
        `${p.customerName}（${p.tier} 类）上次联系：${p.lastContactOn || '从未'}；标准为每 ${p.maxDaysBetweenContacts} 天一次，应于 ${p.nextContactDueOn} 前联系（已逾期 ${p.daysOverdue} 天）。`,
    },
    INVOICE_OVERDUE: {
      title: (p) => `发票逾期：${p.number}`,
      body: (p) => `${p.customer}的发票 ${p.number} 应于 ${p.dueDate} 付款，仍有 ${p.outstanding} ${p.currency} 未回款（逾期 ${p.daysOverdue} 天）。`,
    },
    REPORT_DUE: {
      title: (p) => `工作报告即将到期：${REPORT_KINDS['zh-CN'][p.kind] ?? p.kind} ${period(p)}`,
      body: (p) => `你的${period(p)}${REPORT_KINDS['zh-CN'][p.kind] ?? p.kind}须在 ${p.deadlineLocal}（${p.timeZone}）前提交。`,
    },
    REPORT_LATE: {
      title: (p) => `工作报告逾期：${p.authorName} ${REPORT_KINDS['zh-CN'][p.kind] ?? p.kind} ${period(p)}`,
      body: (p) =>
        `${p.authorName}的${period(p)}${REPORT_KINDS['zh-CN'][p.kind] ?? p.kind}应于 ${p.deadlineLocal}（${p.timeZone}）前提交，${p.missing === 'true' ? '至今未提交' : '仍是草稿'}。`,
    },
    REPORT_REVIEWED: {
      title: (p) => `报告已批阅：${REPORT_KINDS['zh-CN'][p.kind] ?? p.kind} ${period(p)}`,
      body: (p) => `${p.reviewerName}批阅了你的${period(p)}${REPORT_KINDS['zh-CN'][p.kind] ?? p.kind}${p.title === '' ? '' : `“${p.title}”`}，评分 ${p.score}/5。`,
    },
    APPROVAL_WAITING: {
      title: (p) => `待你审批：${SUBJECTS['zh-CN'][p.subject] ?? p.subject} ${about(p)}`.trim(),
      body: (p) =>
        p.subject === 'TARGET_ADJUSTMENT'
          ? `${p.requestedBy}申请将目标由 ${p.previousValue} 调整为 ${p.newValue}：${p.reason}`
          : p.subject === 'QUOTE'
            ? `${p.requestedBy}为${p.customer}的报价单 ${p.number} 申请 ${p.discountPercent}% 的折扣（${p.amount} ${p.currency}）。`
            : p.subject === 'EXPENSE_CLAIM'
              ? `${p.claimantName}请你审批报销单 ${p.claimNumber}“${p.title}”（${p.totalAmount} ${p.currency}${p.overBudget === 'true' ? '，超预算' : ''}）。`
            : `${p.requestedBy}请你审批${p.customer}的${SUBJECTS['zh-CN'][p.subject] ?? p.subject} ${about(p)}（${p.amount} ${p.currency}）。`,
    },
    APPROVAL_DECIDED: {
      title: (p) => `${SUBJECTS['zh-CN'][p.subject] ?? p.subject} ${about(p)} ${DECISIONS['zh-CN'][p.decision] ?? p.decision}`.replace(/\s+/g, ' '),
      body: (p) => `${p.decidedBy}${DECISIONS['zh-CN'][p.decision] ?? p.decision}。${p.comment === '' ? '' : `意见：${p.comment}`}`,
    },
    RENEWAL_DUE: {
      title: (p) => `合同即将到期续签：${p.number}`,
      body: (p) => `与${p.customer}的合同 ${p.number}“${p.title}”将于 ${p.endDate} 到期（还剩 ${p.daysLeft} 天）。`,
    },
    EXPENSE_RETURNED: {
      title: (p) => `费用报销被退回：${p.claimNumber}`,
      body: (p) => `${p.returnedByName}退回了你的报销单 ${p.claimNumber}“${p.title}”（${p.totalAmount} ${p.currency}）：${p.reason}`,
    },
    EXPENSE_PAID: {
      title: (p) => `费用报销已支付：${p.claimNumber}`,
      body: (p) => `你的报销单 ${p.claimNumber}“${p.title}”（${p.totalAmount} ${p.currency}）已于 ${p.paidOn} 支付（付款参考号 ${p.paymentReference}）。`,
    },
    ACTION_ITEM_DUE: {
      title: (p) => `待办事项到期：${p.description}`,
      body: (p) => `${p.heldOn}会议“${p.meetingTitle}”的待办事项“${p.description}”应于 ${p.dueOn} 完成。`,
    },
  },
};

/** Params as text; anything missing reads as empty rather than "undefined". */
function asParams(params: Record<string, unknown>): Params {
  return new Proxy(params, {
    get: (target, name) => {
      const value = typeof name === 'string' ? target[name] : undefined;
      return value === undefined || value === null ? '' : String(value);
    },
  }) as unknown as Params;
}

/** A notification's title and body in `language`. */
export function renderNotification(kind: NotificationKind, params: Record<string, unknown>, language: NotificationLanguage): { title: string; body: string } {
  const texts = TEXTS[language][kind];
  const p = asParams(params);
  return { title: texts.title(p), body: texts.body(p) };
}
