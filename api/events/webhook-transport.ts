import { Agent, fetch, type Response } from 'undici';
import { deliveryRefusal, guardedLookup, policyFor, type AddressPolicy, type WebhookUrlSettings } from './webhook-url-policy';

/** The most of a receiver's answer the worker reads (and throws away) so the connection can be used again. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** One webhook POST: where, what, and how long the receiver has. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * The worker's HTTP client. Every connection goes through `guardedLookup`, which checks the addresses a host name
 * resolves to and connects to exactly those (undici keeps the URL's host for the Host header and TLS SNI); a URL
 * with a literal IP is checked before the request. Redirects are never followed: a 3xx is the receiver's answer.
 * One connection pool per address policy, so keep-alive connections are reused across deliveries.
 */
export class WebhookTransport {
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly settings: WebhookUrlSettings) {}

  private agentFor(policy: AddressPolicy): Agent {
    const key = `${policy.allowPrivate}:${policy.allowPublic}`;
    let agent = this.agents.get(key);
    if (agent === undefined) {
      agent = new Agent({ connect: { lookup: guardedLookup(policy) } });
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** Sends the request; rejects with a `BlockedAddressError` (possibly as the `cause`) when the rules refuse it. */
  async post(request: WebhookRequest): Promise<Response> {
    const url = new URL(request.url);
    const policy = policyFor(url, this.settings);
    const refused = deliveryRefusal(url, policy);
    if (refused !== null) throw refused;
    return fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      dispatcher: this.agentFor(policy),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  }

  /**
   * Reads and drops the answer's body, so its keep-alive connection serves the next delivery; past
   * MAX_ANSWER_BYTES it gives up (the connection is closed), so a receiver cannot make the worker hold a large one.
   */
  static async discardBody(response: Response): Promise<void> {
    if (response.body === null) return;
    const reader = response.body.getReader();
    try {
      for (let read = 0; read <= MAX_ANSWER_BYTES; ) {
        const chunk = await reader.read();
        if (chunk.done) return;
        read += chunk.value.byteLength;
      }
      await reader.cancel();
    } catch {
      // A dropped connection after the status arrived changes nothing: the status is the answer.
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
    this.agents.clear();
  }
}
