import { renderNotification } from '../notification-texts';
import { NOTIFICATION_KINDS, NotificationLanguage } from '../notifications.enums';
import { CORE_NOTIFICATION_RULES, KINDS_BY_EVENT_TYPE, NOTIFICATION_RULES } from '../notification-rules';
import { EVENT_TYPES } from '../../events/event-catalogue';

describe('notification texts', () => {
  it.each(NOTIFICATION_KINDS)('%s has a title and body in both languages, and a missing param reads as empty', (kind) => {
    for (const language of Object.values(NotificationLanguage)) {
      const { title, body } = renderNotification(kind, {}, language);
      expect(title.length).toBeGreaterThan(0);
      expect(`${title} ${body}`).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('puts the params in', () => {
    const params = { subject: 'QUOTE', number: 'Q-1', requestedBy: '赵磊', customer: '申联', discountPercent: '8.00', amount: '1000.00', currency: 'CNY' };
    expect(renderNotification('APPROVAL_WAITING' as never, params, NotificationLanguage.ZH_CN)).toEqual({
      title: '待你审批：报价折扣 Q-1',
      body: '赵磊为申联的报价单 Q-1 申请 8.00% 的折扣（1000.00 CNY）。',
    });
    expect(renderNotification('APPROVAL_WAITING' as never, params, NotificationLanguage.EN).title).toBe('Waiting for your approval: Quote discount Q-1');
  });
});

describe('the rule registry', () => {
  it('holds the core rules, each of a known kind', () => {
    expect(NOTIFICATION_RULES).toEqual(expect.arrayContaining([...CORE_NOTIFICATION_RULES]));
    for (const rule of NOTIFICATION_RULES) expect(NOTIFICATION_KINDS).toContain(rule.kind);
  });

  it('maps only event types the catalogue has', () => {
    expect(Object.keys(KINDS_BY_EVENT_TYPE).filter((type) => !EVENT_TYPES.includes(type))).toEqual([]);
  });
});
