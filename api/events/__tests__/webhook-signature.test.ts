import { signWebhook, verifyWebhook } from '../webhook-signature';

const body = '{"id":"e1","type":"opportunity.won"}';
const now = 1_800_000_000;

describe('webhook signatures', () => {
  it('one secret: t and one v1, which that secret verifies', () => {
    const header = signWebhook('whsec_one', body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('whsec_one', body, header, 300, now * 1000)).toBe(true);
    expect(verifyWebhook('whsec_other', body, header, 300, now * 1000)).toBe(false);
    expect(verifyWebhook('whsec_one', `${body} `, header, 300, now * 1000)).toBe(false);
  });

  it('during a rotation: a v1 per secret, the new one first, and either secret verifies', () => {
    const header = signWebhook(['whsec_new', 'whsec_old'], body, now);
    const [, first, second] = header.split(',');
    expect(first).toBe(signWebhook('whsec_new', body, now).split(',')[1]);
    expect(second).toBe(signWebhook('whsec_old', body, now).split(',')[1]);
    expect(verifyWebhook('whsec_new', body, header, 300, now * 1000)).toBe(true);
    expect(verifyWebhook('whsec_old', body, header, 300, now * 1000)).toBe(true);
    expect(verifyWebhook('whsec_neither', body, header, 300, now * 1000)).toBe(false);
  });

  it('refuses an old timestamp, a missing one and a header without v1', () => {
    const header = signWebhook('whsec_one', body, now);
    expect(verifyWebhook('whsec_one', body, header, 300, (now + 301) * 1000)).toBe(false);
    expect(verifyWebhook('whsec_one', body, header.replace(/^t=\d+,/, ''), 300, now * 1000)).toBe(false);
    expect(verifyWebhook('whsec_one', body, `t=${now}`, 300, now * 1000)).toBe(false);
  });
});
