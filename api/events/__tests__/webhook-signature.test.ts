import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signWebhook, verifyWebhook } from '../webhook-signature';

/** README's receiver example (the `verify` function of its first js block after the signature header), as code. */
function readmeVerify(): (secret: string, rawBody: string, header: string, toleranceSeconds?: number) => boolean {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('```js', readme.indexOf('X-SalesGraph-Signature: t=<unix seconds>'));
  const code = readme.slice(start + '```js'.length, readme.indexOf('```', start + 5));
  return new Function('require', `${code}\nreturn verify;`)(require);
}

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

describe('README’s receiver example', () => {
  const verify = readmeVerify();
  const at = () => Math.floor(Date.now() / 1000);

  it('accepts any matching v1, so a receiver holding either secret verifies a delivery of the grace period', () => {
    const header = signWebhook(['whsec_new', 'whsec_old'], body, at());
    expect(verify('whsec_new', body, header)).toBe(true);
    expect(verify('whsec_old', body, header)).toBe(true);
    expect(verify('whsec_neither', body, header)).toBe(false);
    expect(verify('whsec_new', body, signWebhook('whsec_new', body, at()))).toBe(true);
  });

  it('refuses a changed body and an old timestamp', () => {
    expect(verify('whsec_new', `${body} `, signWebhook('whsec_new', body, at()))).toBe(false);
    expect(verify('whsec_new', body, signWebhook('whsec_new', body, at() - 301))).toBe(false);
  });
});
