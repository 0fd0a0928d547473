import { createHmac, timingSafeEqual } from 'node:crypto';

function mac(secret: string, body: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * `X-SalesGraph-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the endpoint's secret>`.
 * The timestamp is signed too, so a receiver that rejects old timestamps (e.g. older than 5 minutes) stops replays.
 * While a rotated secret's grace period runs, each secret signs (the new one first): `t=…,v1=<new>,v1=<old>`, so a
 * receiver that still holds the old secret, or already the new one, finds a signature it can check.
 */
export function signWebhook(secrets: string | readonly string[], body: string, timestamp: number): string {
  const keys = typeof secrets === 'string' ? [secrets] : secrets;
  return [`t=${timestamp}`, ...keys.map((secret) => `v1=${mac(secret, body, timestamp)}`)].join(',');
}

/**
 * What a receiver does (README has the same example): recompute with its secret, compare in constant time with
 * every `v1` of the header (one matching is enough), check the age.
 */
export function verifyWebhook(secret: string, body: string, header: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const pairs = header.split(',').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? ['', ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  });
  const timestamp = Number(pairs.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(mac(secret, body, timestamp), 'hex');
  return pairs
    .filter(([key]) => key === 'v1')
    .some(([, value]) => {
      const given = Buffer.from(value, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
