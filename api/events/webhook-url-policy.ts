import { promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Environment } from '../config';
import { msg, nested, translate, type Message, type PlainMessageId } from '../i18n';

/**
 * Where webhooks may be sent (README "Webhook URLs"). An integrator chooses the URL, and the worker POSTs from inside
 * the company network, so without these rules a key with `manage:webhooks` could reach internal services and read
 * their status codes and latencies back from the delivery log.
 *
 * - Only public unicast addresses, unless WEBHOOK_ALLOW_PRIVATE_NETWORKS lets loopback, private (RFC 1918),
 *   unique-local and CGNAT receivers through. Link-local, multicast, unspecified, reserved and cloud metadata
 *   addresses are refused either way; an IPv4 address inside IPv6 (`::ffff:127.0.0.1`, NAT64) counts as itself.
 * - A host name is judged by every address it resolves to: one refused address refuses it.
 * - In production only https, except http to a receiver on the private network when those are allowed.
 * - Checked when the URL is set (`createWebhook`, `updateWebhook`) and again for every connection the worker opens:
 *   its DNS look-up checks the addresses and hands exactly those to the socket, so a name cannot resolve to a public
 *   address for the check and to an internal one for the connection (DNS rebinding).
 */

/** What the rules need from the configuration. */
export interface WebhookUrlSettings {
  env: Environment;
  allowPrivateNetworks: boolean;
}

/** Which addresses one connection may go to. */
export interface AddressPolicy {
  allowPrivate: boolean;
  /** False for http in production: plain text must not leave the private network. */
  allowPublic: boolean;
}

/** Names of cloud metadata services; they resolve to link-local addresses, but are refused by name before any look-up. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata.tencentyun.com']);

/**
 * Cloud metadata services (AWS/Azure/GCP/Huawei 169.254.169.254 and AWS IPv6, the AWS ECS task endpoint, Tencent
 * Cloud, Alibaba Cloud's 100.100.100.200 inside the CGNAT range): refused even where private networks are allowed.
 */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '169.254.170.2', '169.254.0.23', '100.100.100.200'].map((address) => ipaddr.parse(address).toString()));

/** The classes WEBHOOK_ALLOW_PRIVATE_NETWORKS lets through. */
const PRIVATE_CLASSES = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

const DESCRIPTIONS: Readonly<Record<string, PlainMessageId>> = {
  loopback: 'a loopback address',
  private: 'a private (RFC 1918) address',
  uniqueLocal: 'a unique-local address',
  carrierGradeNat: 'a shared (CGNAT) address',
  linkLocal: 'a link-local address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  metadata: 'a cloud metadata address',
};

/** How long `createWebhook` waits for the host name to resolve. */
const RESOLVE_TIMEOUT_MS = 5000;

function describeClass(addressClass: string): Message {
  return DESCRIPTIONS[addressClass] ?? msg('a reserved or special-purpose address ({{class}})', { class: addressClass });
}

/** The IPv4 address carried in the last 32 bits of an IPv6 one. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const parts = address.parts;
  return new ipaddr.IPv4([parts[6] >> 8, parts[6] & 0xff, parts[7] >> 8, parts[7] & 0xff]);
}

/** IPv6 forms whose last 32 bits are the IPv4 address actually reached: mapped, translated (RFC 6145), NAT64 (64:ff9b::/96). */
function carriesIPv4(address: ipaddr.IPv6): boolean {
  const range = address.range();
  const [a, b, c, d, e, f] = address.parts;
  return range === 'ipv4Mapped' || range === 'rfc6145' || (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0);
}

/**
 * The class of an IP address: `public`, `metadata`, or ipaddr.js's name of its special range (`loopback`,
 * `private`, `linkLocal`, …). Addresses that carry an IPv4 address (mapped, translated, NAT64) are that address.
 */
export function classifyAddress(text: string): string {
  let address: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(text.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (address instanceof ipaddr.IPv6 && carriesIPv4(address)) address = embeddedIPv4(address);
  if (METADATA_ADDRESSES.has(address.toString())) return 'metadata';
  const range = address.range();
  if (range !== 'unicast') return range;
  // ::/8 (IPv4-compatible and other IETF-reserved forms) is "unicast" to ipaddr.js, but no public host lives there.
  if (address instanceof ipaddr.IPv6 && address.parts[0] < 0x100) return 'reserved';
  return 'public';
}

/**
 * Why an address is refused: in words ("a loopback address", a message in the client's language for the API, in
 * English for the delivery log), and whether WEBHOOK_ALLOW_PRIVATE_NETWORKS would allow it.
 */
export interface Refusal {
  reason: Message;
  allowedBySetting: boolean;
}

/** Why `address` is refused under `policy`; null when it may be used. */
export function addressRefusal(address: string, policy: AddressPolicy): Refusal | null {
  const addressClass = classifyAddress(address);
  if (addressClass === 'public') {
    return policy.allowPublic ? null : { reason: 'a public address, and http goes only to receivers on the private network in production: use https', allowedBySetting: false };
  }
  const isPrivate = PRIVATE_CLASSES.has(addressClass);
  if (isPrivate && policy.allowPrivate) return null;
  return { reason: describeClass(addressClass), allowedBySetting: isPrivate };
}

/** The host of a URL as a look-up takes it: no IPv6 brackets, no trailing dot, lower case. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/** The addresses allowed for a URL's connections. */
export function policyFor(url: URL, settings: WebhookUrlSettings): AddressPolicy {
  return { allowPrivate: settings.allowPrivateNetworks, allowPublic: !(settings.env === 'production' && url.protocol === 'http:') };
}

/** Resolves a host name to every address it has, in the resolver's order. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const resolveHost: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Why `host` (a name, not an IP) with these addresses is refused; null when every address may be used. */
function resolvedRefusal(host: string, addresses: readonly LookupAddress[], policy: AddressPolicy): Refusal | null {
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, policy);
    // The resolved address itself is not named: the delivery log would otherwise map internal names to addresses.
    if (refusal !== null) return { ...refusal, reason: msg('{{host}} resolves to {{reason}}', { host, reason: nested(refusal.reason) }) };
  }
  return null;
}

/** Why a literal IP or a name of a metadata service is refused; null for other names and allowed addresses. */
function hostRefusal(host: string, policy: AddressPolicy): Refusal | null {
  if (METADATA_HOSTS.has(host)) return { reason: msg('{{host}} is a cloud metadata service', { host }), allowedBySetting: false };
  if (!ipaddr.isValid(host)) return null;
  const refusal = addressRefusal(host, policy);
  return refusal === null ? null : { ...refusal, reason: msg('{{address}} is {{reason}}', { address: readable(host), reason: nested(refusal.reason) }) };
}

/** An address as people write it: the URL parser turns `::ffff:127.0.0.1` into `::ffff:7f00:1`; this turns it back. */
function readable(address: string): string {
  const parsed = ipaddr.parse(address);
  return parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress() ? `::ffff:${parsed.toIPv4Address().toString()}` : address;
}

/**
 * Why a webhook URL is refused, or null when it may be registered. A literal IP is judged as it is; a host name
 * by every address it resolves to now (and again at each delivery, see `guardedLookup`).
 */
export async function webhookUrlRefusal(raw: string, settings: WebhookUrlSettings, resolve: Resolver = resolveHost): Promise<Message | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'it is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http and https URLs receive webhooks';
  if (url.username !== '' || url.password !== '') return 'it must not carry a user name or password (receivers check the signature instead)';
  if (url.protocol === 'http:' && settings.env === 'production' && !settings.allowPrivateNetworks) return 'it must use https';
  const policy = policyFor(url, settings);
  const host = hostOf(url);
  let refusal = hostRefusal(host, policy);
  if (refusal === null && !ipaddr.isValid(host) && !METADATA_HOSTS.has(host)) {
    let addresses: LookupAddress[];
    try {
      addresses = await withTimeout(resolve(host), RESOLVE_TIMEOUT_MS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === undefined ? msg('{{host}} does not resolve', { host }) : msg('{{host}} does not resolve ({{code}})', { host, code });
    }
    if (addresses.length === 0) return msg('{{host}} does not resolve', { host });
    refusal = resolvedRefusal(host, addresses, policy);
  }
  if (refusal === null) return null;
  return refusal.allowedBySetting && settings.env !== 'production'
    ? msg('{{reason}} (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true on the server allows receivers on a private network)', { reason: nested(refusal.reason) })
    : refusal.reason;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('look-up timed out'), { code: 'ETIMEOUT' })), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** A connection the rules refuse: the delivery fails for good, since retrying cannot make the address allowed. */
export class BlockedAddressError extends Error {
  readonly code = 'EWEBHOOKBLOCKED';

  /** For the delivery log (in English, as the rest of it): what was refused, without the resolved address. */
  readonly reason: string;

  constructor(
    reason: Message,
    /** For the server log only. */
    readonly addresses: readonly string[],
  ) {
    const text = translate(reason, 'en');
    super(`blocked: ${text}`);
    this.reason = text;
    this.name = 'BlockedAddressError';
  }
}

/**
 * The check of a delivery before its request: a literal IP (a socket to an IP makes no look-up) or a metadata
 * service's name. Host names are checked by `guardedLookup` when the connection is made.
 */
export function deliveryRefusal(url: URL, policy: AddressPolicy): BlockedAddressError | null {
  const host = hostOf(url);
  const refusal = hostRefusal(host, policy);
  return refusal === null ? null : new BlockedAddressError(refusal.reason, ipaddr.isValid(host) ? [host] : []);
}

/**
 * The DNS look-up of the worker's sockets: resolves once, refuses the connection if any address is refused, and
 * otherwise hands the socket exactly the addresses it checked. The socket keeps the URL's host for the Host header
 * and TLS SNI; only the address it connects to comes from here.
 */
export function guardedLookup(policy: AddressPolicy, resolve: Resolver = resolveHost): LookupFunction {
  return (hostname, options, callback) => {
    const host = hostname.replace(/\.$/, '').toLowerCase();
    const named = hostRefusal(host, policy);
    if (named !== null) {
      callback(new BlockedAddressError(named.reason, []), '', 0);
      return;
    }
    resolve(host).then(
      (addresses) => {
        const refusal = resolvedRefusal(host, addresses, policy);
        if (refusal !== null) {
          callback(new BlockedAddressError(refusal.reason, addresses.map(({ address }) => address)), '', 0);
          return;
        }
        const family = options.family === 4 || options.family === 6 ? options.family : null;
        const usable = family === null ? addresses : addresses.filter((address) => address.family === family);
        if (usable.length === 0) {
          callback(Object.assign(new Error(`${host} has no usable address`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        if (options.all === true) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
