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
  [NotificationLanguage.EN]: { QUOTE: 'Quote discount', CONTRACT: 'Contract', TARGET_ADJUSTMENT: 'Target adjustment', EXPENSE: 'Expense claim' },
  [NotificationLanguage.ZH_CN]: { QUOTE: '报价折扣', CONTRACT: '合同', TARGET_ADJUSTMENT: '目标调整', EXPENSE: '费用报销' },
};

const DECISIONS: Record<NotificationLanguage, Record<string, string>> = {
  [NotificationLanguage.EN]: { APPROVED: 'approved', REJECTED: 'rejected' },
  [NotificationLanguage.ZH_CN]: { APPROVED: '已批准', REJECTED: '已驳回' },
};

/** The name of what an approval is about: a quote's or contract's number, else nothing. */
const about = (p: Params) => [p.number, p.title].filter((part) => part !== '').join(' ');

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
    NEXT_STEP_DUE: { title: (p) => `Next step due: ${p.subject || p.name}`, body: (p) => `The next step "${p.nextStep}" is due on ${p.dueDate}.` },
    VISIT_PLAN_DUE: { title: (p) => `Planned visit: ${p.customer}`, body: (p) => `You planned to visit ${p.customer} on ${p.plannedOn || p.dueDate}.` },
    LEAD_UNWORKED: {
      title: (p) => `Lead not worked for ${p.days} days: ${p.company}`,
      body: (p) => `The lead ${p.company} (${p.contact}) is ${p.status} and has not changed since ${p.since}.`,
    },
    KEY_CUSTOMER_UNVISITED: {
      title: (p) => `Key customer not visited: ${p.customer}`,
      body: (p) => `${p.customer} (tier ${p.tier}) has not been visited since ${p.lastVisitOn || 'ever'}; its norm is every ${p.normDays} days.`,
    },
    INVOICE_OVERDUE: {
      title: (p) => `Invoice overdue: ${p.number}`,
      body: (p) => `Invoice ${p.number} of ${p.customer} was due on ${p.dueDate}; ${p.outstanding} ${p.currency} is still open (${p.daysOverdue} days overdue).`,
    },
    REPORT_DUE: { title: (p) => `Work report due: ${p.reportKind} ${p.period}`, body: (p) => `Your ${p.reportKind} report for ${p.period} is due by ${p.deadline}.` },
    REPORT_LATE: {
      title: (p) => `Work report late: ${p.author} ${p.reportKind} ${p.period}`,
      body: (p) => `The ${p.reportKind} report of ${p.author} for ${p.period} was due by ${p.deadline} and has not been submitted.`,
    },
    REPORT_REVIEWED: { title: (p) => `Report reviewed: ${p.reportKind} ${p.period}`, body: (p) => `${p.reviewer} reviewed your report: ${p.comment}` },
    APPROVAL_WAITING: {
      title: (p) => `Waiting for your approval: ${SUBJECTS.en[p.subject] ?? p.subject} ${about(p)}`.trim(),
      body: (p) =>
        p.subject === 'TARGET_ADJUSTMENT'
          ? `${p.requestedBy} asks to change a target from ${p.previousValue} to ${p.newValue}: ${p.reason}`
          : p.subject === 'QUOTE'
            ? `${p.requestedBy} asks for a ${p.discountPercent}% discount on quote ${p.number} for ${p.customer} (${p.amount} ${p.currency}).`
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
    EXPENSE_RETURNED: { title: (p) => `Expense claim returned: ${p.number || p.title}`, body: (p) => `Finance returned your claim: ${p.reason}` },
    EXPENSE_PAID: { title: (p) => `Expense claim paid: ${p.number || p.title}`, body: (p) => `Your claim of ${p.amount} ${p.currency} was paid.` },
    ACTION_ITEM_DUE: { title: (p) => `Action item due: ${p.title}`, body: (p) => `The action item "${p.title}" from ${p.meeting} is due on ${p.dueDate}.` },
  },
  [NotificationLanguage.ZH_CN]: {
    COMPLAINT_SLA_BREACHED: {
      title: (p) => `投诉已超时：${p.title}`,
      body: (p) => `${p.customer}的${p.severity}级投诉“${p.title}”应于 ${p.slaDueAt} 前处理，至今未解决（处理人：${p.handler}）。`,
    },
    NEXT_STEP_DUE: { title: (p) => `下一步到期：${p.subject || p.name}`, body: (p) => `下一步“${p.nextStep}”应于 ${p.dueDate} 完成。` },
    VISIT_PLAN_DUE: { title: (p) => `计划拜访：${p.customer}`, body: (p) => `你计划于 ${p.plannedOn || p.dueDate} 拜访${p.customer}。` },
    LEAD_UNWORKED: {
      title: (p) => `线索 ${p.days} 天未跟进：${p.company}`,
      body: (p) => `线索${p.company}（${p.contact}）状态为 ${p.status}，自 ${p.since} 起没有任何跟进。`,
    },
    KEY_CUSTOMER_UNVISITED: {
      title: (p) => `重点客户未拜访：${p.customer}`,
      body: (p) => `${p.customer}（${p.tier} 类）自 ${p.lastVisitOn || '从未'} 起未拜访；标准为每 ${p.normDays} 天一次。`,
    },
    INVOICE_OVERDUE: {
      title: (p) => `发票逾期：${p.number}`,
      body: (p) => `${p.customer}的发票 ${p.number} 应于 ${p.dueDate} 付款，仍有 ${p.outstanding} ${p.currency} 未回款（逾期 ${p.daysOverdue} 天）。`,
    },
    REPORT_DUE: { title: (p) => `工作报告即将到期：${p.reportKind} ${p.period}`, body: (p) => `你的${p.period}${p.reportKind}报告须在 ${p.deadline} 前提交。` },
    REPORT_LATE: {
      title: (p) => `工作报告逾期：${p.author} ${p.reportKind} ${p.period}`,
      body: (p) => `${p.author}的${p.period}${p.reportKind}报告应于 ${p.deadline} 前提交，至今未提交。`,
    },
    REPORT_REVIEWED: { title: (p) => `报告已批阅：${p.reportKind} ${p.period}`, body: (p) => `${p.reviewer}批阅了你的报告：${p.comment}` },
    APPROVAL_WAITING: {
      title: (p) => `待你审批：${SUBJECTS['zh-CN'][p.subject] ?? p.subject} ${about(p)}`.trim(),
      body: (p) =>
        p.subject === 'TARGET_ADJUSTMENT'
          ? `${p.requestedBy}申请将目标由 ${p.previousValue} 调整为 ${p.newValue}：${p.reason}`
          : p.subject === 'QUOTE'
            ? `${p.requestedBy}为${p.customer}的报价单 ${p.number} 申请 ${p.discountPercent}% 的折扣（${p.amount} ${p.currency}）。`
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
    EXPENSE_RETURNED: { title: (p) => `费用报销被退回：${p.number || p.title}`, body: (p) => `财务退回了你的报销：${p.reason}` },
    EXPENSE_PAID: { title: (p) => `费用报销已支付：${p.number || p.title}`, body: (p) => `你的 ${p.amount} ${p.currency} 报销已支付。` },
    ACTION_ITEM_DUE: { title: (p) => `待办事项到期：${p.title}`, body: (p) => `会议“${p.meeting}”的待办事项“${p.title}”应于 ${p.dueDate} 完成。` },
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
