import type { LookupAddress } from 'node:dns';
import { translate } from '../../i18n';
import { addressRefusal, classifyAddress, guardedLookup, webhookUrlRefusal as refusalMessage, type AddressPolicy, type Resolver } from '../webhook-url-policy';

/** The refusal as an English reader sees it (its message is translated for each client). */
async function webhookUrlRefusal(...args: Parameters<typeof refusalMessage>): Promise<string | null> {
  const refusal = await refusalMessage(...args);
  return refusal === null ? null : translate(refusal, 'en');
}

const publicOnly: AddressPolicy = { allowPrivate: false, allowPublic: true };
const withPrivate: AddressPolicy = { allowPrivate: true, allowPublic: true };
const development = { env: 'development' as const, allowPrivateNetworks: false };
const production = { env: 'production' as const, allowPrivateNetworks: false };

/** A resolver with fixed answers, so no test depends on the machine's DNS. */
function resolverOf(answers: Record<string, string[]>): Resolver {
  return async (hostname) => {
    const addresses = answers[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

/** Runs a guarded look-up as a socket would (all addresses), resolving to the addresses or rejecting with the error. */
function lookUp(policy: AddressPolicy, resolve: Resolver, hostname: string, all = true): Promise<LookupAddress[] | string> {
  return new Promise((done, fail) => {
    guardedLookup(policy, resolve)(hostname, { all }, (error, address, family) => {
      if (error) fail(error);
      else done(Array.isArray(address) ? address : `${address}/${family}`);
    });
  });
}

describe('address classes', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['64:ff9b::a00:1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['8.8.8.8', 'public'],
    ['114.114.114.114', 'public'],
    ['2400:3200::1', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::808:808', 'public'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('WEBHOOK_ALLOW_PRIVATE_NETWORKS lets loopback, private, unique-local and CGNAT through, never link-local, multicast or metadata', () => {
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', '192.168.0.10', 'fd12::1', '100.64.0.1', '::ffff:127.0.0.1']) {
      expect([address, addressRefusal(address, publicOnly)]).toEqual([address, expect.objectContaining({ allowedBySetting: true })]);
      expect([address, addressRefusal(address, withPrivate)]).toEqual([address, null]);
    }
    for (const address of ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.1.1', 'fe80::1', '224.0.0.1', '0.0.0.0', '::']) {
      expect([address, addressRefusal(address, withPrivate)]).toEqual([address, expect.objectContaining({ allowedBySetting: false })]);
    }
  });
});

describe('a URL when it is set', () => {
  const resolve = resolverOf({ 'erp.example.com': ['203.0.114.10'], 'intranet.example.com': ['10.1.2.3'], 'mixed.example.com': ['8.8.8.8', '127.0.0.1'], localhost: ['127.0.0.1'] });

  it('accepts a public receiver, by name or address', async () => {
    expect(await webhookUrlRefusal('https://erp.example.com/hooks', production, resolve)).toBeNull();
    expect(await webhookUrlRefusal('https://8.8.8.8/hooks', production, resolve)).toBeNull();
    expect(await webhookUrlRefusal('http://erp.example.com/hooks', development, resolve)).toBeNull();
  });

  it('refuses literal addresses of every internal class, with the reason', async () => {
    expect(await webhookUrlRefusal('http://127.0.0.1:5432/', development, resolve)).toMatch(/^127\.0\.0\.1 is a loopback address \(WEBHOOK_ALLOW_PRIVATE_NETWORKS=true/);
    expect(await webhookUrlRefusal('http://[::1]/', development, resolve)).toMatch(/^::1 is a loopback address/);
    expect(await webhookUrlRefusal('http://169.254.169.254/latest/meta-data/', development, resolve)).toBe('169.254.169.254 is a cloud metadata address');
    expect(await webhookUrlRefusal('http://[::ffff:127.0.0.1]/', development, resolve)).toMatch(/is a loopback address/);
    // The URL parser reads every spelling of an IPv4 address: decimal, hexadecimal, shortened.
    for (const spelling of ['http://2130706433/', 'http://0x7f.0.0.1/', 'http://127.1/']) {
      expect([spelling, await webhookUrlRefusal(spelling, development, resolve)]).toEqual([spelling, expect.stringMatching(/^127\.0\.0\.1 is a loopback address/)]);
    }
  });

  it('refuses a name that resolves to an internal address, without naming the address', async () => {
    expect(await webhookUrlRefusal('http://intranet.example.com/', development, resolve)).toMatch(/^intranet\.example\.com resolves to a private \(RFC 1918\) address/);
    expect(await webhookUrlRefusal('http://localhost:4000/graphql', development, resolve)).toMatch(/^localhost resolves to a loopback address/);
    // One internal address among public ones is enough.
    expect(await webhookUrlRefusal('https://mixed.example.com/', development, resolve)).toMatch(/^mixed\.example\.com resolves to a loopback address/);
    expect(await webhookUrlRefusal('https://intranet.example.com/', production, resolve)).not.toContain('10.1.2.3');
  });

  it('refuses metadata services by name before any look-up, and names that do not resolve', async () => {
    expect(await webhookUrlRefusal('http://metadata.google.internal/computeMetadata/v1/', { ...development, allowPrivateNetworks: true }, resolve)).toBe(
      'metadata.google.internal is a cloud metadata service',
    );
    expect(await webhookUrlRefusal('http://METADATA.google.internal./', development, resolve)).toBe('metadata.google.internal is a cloud metadata service');
    expect(await webhookUrlRefusal('https://nowhere.example.com/', development, resolve)).toBe('nowhere.example.com does not resolve (ENOTFOUND)');
  });

  it('takes only https in production, but http to private receivers where those are allowed', async () => {
    expect(await webhookUrlRefusal('http://erp.example.com/hooks', production, resolve)).toBe('it must use https');
    const onPremises = { env: 'production' as const, allowPrivateNetworks: true };
    expect(await webhookUrlRefusal('http://intranet.example.com/hooks', onPremises, resolve)).toBeNull();
    expect(await webhookUrlRefusal('http://erp.example.com/hooks', onPremises, resolve)).toMatch(/resolves to a public address, and http goes only to receivers on the private network in production: use https/);
    expect(await webhookUrlRefusal('https://erp.example.com/hooks', onPremises, resolve)).toBeNull();
  });

  it('refuses credentials in the URL and other schemes', async () => {
    expect(await webhookUrlRefusal('https://user:pass@erp.example.com/', development, resolve)).toMatch(/user name or password/);
    expect(await webhookUrlRefusal('ftp://erp.example.com/', development, resolve)).toMatch(/only http and https/);
  });

  it('with WEBHOOK_ALLOW_PRIVATE_NETWORKS takes loopback and private receivers, still no metadata or link-local', async () => {
    const allowing = { env: 'test' as const, allowPrivateNetworks: true };
    expect(await webhookUrlRefusal('http://127.0.0.1:8080/', allowing, resolve)).toBeNull();
    expect(await webhookUrlRefusal('http://localhost:8080/', allowing, resolve)).toBeNull();
    expect(await webhookUrlRefusal('http://intranet.example.com/', allowing, resolve)).toBeNull();
    expect(await webhookUrlRefusal('http://169.254.169.254/', allowing, resolve)).toBe('169.254.169.254 is a cloud metadata address');
    expect(await webhookUrlRefusal('http://[fe80::1]/', allowing, resolve)).toBe('fe80::1 is a link-local address');
  });
});

describe('the look-up of a delivery’s connection', () => {
  it('resolves once and hands the socket exactly the addresses it checked', async () => {
    let calls = 0;
    const resolve: Resolver = async () => {
      calls += 1;
      return [{ address: '8.8.8.8', family: 4 }, { address: '2001:4860:4860::8888', family: 6 }];
    };
    expect(await lookUp(publicOnly, resolve, 'erp.example.com')).toEqual([{ address: '8.8.8.8', family: 4 }, { address: '2001:4860:4860::8888', family: 6 }]);
    expect(calls).toBe(1);
    expect(await lookUp(publicOnly, resolve, 'erp.example.com', false)).toBe('8.8.8.8/4');
  });

  it('refuses a name that now resolves to an internal address (DNS rebinding), naming the class, not the address', async () => {
    let answer = '8.8.8.8';
    const rebinding: Resolver = async () => [{ address: answer, family: 4 }];
    expect(await lookUp(publicOnly, rebinding, 'rebind.example.com')).toEqual([{ address: '8.8.8.8', family: 4 }]);
    answer = '169.254.169.254';
    const refused = lookUp(publicOnly, rebinding, 'rebind.example.com');
    await expect(refused).rejects.toMatchObject({ name: 'BlockedAddressError', message: 'blocked: rebind.example.com resolves to a cloud metadata address', addresses: ['169.254.169.254'] });
    answer = '10.0.0.7';
    await expect(lookUp(publicOnly, rebinding, 'rebind.example.com')).rejects.toMatchObject({ message: 'blocked: rebind.example.com resolves to a private (RFC 1918) address' });
    await expect(lookUp(withPrivate, rebinding, 'rebind.example.com')).resolves.toEqual([{ address: '10.0.0.7', family: 4 }]);
  });

  it('refuses metadata names without resolving them', async () => {
    const never: Resolver = () => Promise.reject(new Error('must not be asked'));
    await expect(lookUp(withPrivate, never, 'metadata.google.internal')).rejects.toMatchObject({ message: 'blocked: metadata.google.internal is a cloud metadata service' });
  });
});
