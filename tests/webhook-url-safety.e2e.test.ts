import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import pg from 'pg';
import supertest from 'supertest';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createLogger } from '../api/logger';
import { createAppServer, GRAPHQL_PATH, type AppServer } from '../api/server';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId } from './fixtures/demo-people';
import { CREATE_WEBHOOK, UPDATE_WEBHOOK, WEBHOOK_DELIVERIES, WEBHOOK_FIELDS } from './graphql/events.documents';
import { createTestApp, type GraphQLResponse, type TestApp } from './support/test-app';
import { pause, until } from './support/wait';

/**
 * Webhook URLs (README "Webhook URLs"): where an integrator may make the worker send requests. The server under
 * test runs as in production, without WEBHOOK_ALLOW_PRIVATE_NETWORKS; a second server on the same database, with
 * the setting and without a worker of its own, registers the private receivers that the first one must then refuse
 * to send to. Nothing here sends a request anywhere but to this machine's loopback receiver: every refusal happens
 * before a connection is made.
 */

let app: TestApp;
let permissive: AppServer;
let permissiveRequest: ReturnType<typeof supertest>;
let receiver: Server;
let port: number;
let token: string;
const received: string[] = [];

async function asPermissive<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<GraphQLResponse<Data>> {
  const response = await permissiveRequest.post(GRAPHQL_PATH).set('authorization', `Bearer ${token}`).send({ query: print(document), variables });
  return { status: response.status, data: response.body.data, errors: response.body.errors };
}

async function sql(text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

const change = (nextStep: string) =>
  sql(`update opportunity set next_step = $1, version = version + 1 where id = $2`, [nextStep, demoId('opportunity:shenlian-drives')]);

/** The endpoint's newest delivery once it is settled. */
async function settledDelivery(webhookId: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const delivery = (await app.gql(WEBHOOK_DELIVERIES, { webhookId }, { token })).data!.webhookDeliveries[0];
    if ((delivery !== undefined && ['SUCCEEDED', 'FAILED'].includes(delivery.status)) || Date.now() > deadline) return delivery;
    await pause(100);
  }
}

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_MAX_ATTEMPTS: '3' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  permissive = await createAppServer(app.orm, { ...app.config, webhooks: { ...app.config.webhooks, deliver: false, allowPrivateNetworks: true } }, createLogger('silent'));
  await permissive.listen(0, '127.0.0.1');
  permissiveRequest = supertest(permissive.httpServer);
  receiver = createServer((request, response) => {
    received.push(request.url ?? '');
    request.resume();
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  token = await app.tokenFor(people.admin.email);
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await permissive.close();
  await app.close();
});

describe('when a URL is set', () => {
  it('a receiver on 127.0.0.1 is refused unless WEBHOOK_ALLOW_PRIVATE_NETWORKS allows it', async () => {
    const url = `http://127.0.0.1:${port}/local`;
    const refused = await app.gql(CREATE_WEBHOOK, { input: { url } }, { token });
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'WEBHOOK_URL_NOT_ALLOWED',
      fields: [{ path: 'input.url', message: expect.stringMatching(/^This URL cannot receive webhooks: 127\.0\.0\.1 is a loopback address/) }],
    });
    const allowed = await asPermissive(CREATE_WEBHOOK, { input: { url } });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.createWebhook.webhook.url).toBe(url);
  });

  it.each([
    ['http://localhost:4000/graphql', 'localhost resolves to a loopback address'],
    ['http://[::1]/', '::1 is a loopback address'],
    ['http://127.0.0.1:5432/', '127.0.0.1 is a loopback address'],
    ['http://10.0.0.1/', '10.0.0.1 is a private (RFC 1918) address'],
    ['http://172.16.5.4/', '172.16.5.4 is a private (RFC 1918) address'],
    ['http://192.168.1.1/', '192.168.1.1 is a private (RFC 1918) address'],
    ['http://169.254.10.10/', '169.254.10.10 is a link-local address'],
    ['http://[fe80::1]/', 'fe80::1 is a link-local address'],
    ['http://[fd12:3456::1]/', 'fd12:3456::1 is a unique-local address'],
    ['http://224.0.0.1/', '224.0.0.1 is a multicast address'],
    ['http://[ff02::1]/', 'ff02::1 is a multicast address'],
    ['http://0.0.0.0:4000/', '0.0.0.0 is the unspecified address'],
    ['http://[::]/', ':: is the unspecified address'],
    ['http://100.64.0.1/', '100.64.0.1 is a shared (CGNAT) address'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:127.0.0.1 is a loopback address'],
    ['http://[::ffff:10.0.0.1]/', '::ffff:10.0.0.1 is a private (RFC 1918) address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a cloud metadata address'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254 is a cloud metadata address'],
    ['http://100.100.100.200/latest/meta-data/', '100.100.100.200 is a cloud metadata address'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal is a cloud metadata service'],
  ])('%s is refused: %s', async (url, reason) => {
    const response = await app.gql(CREATE_WEBHOOK, { input: { url } }, { token });
    expect(response.data).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.url', message: expect.stringContaining(`: ${reason}`) }] });
  });

  it('refused URLs store nothing', async () => {
    const before = (await app.gql(WEBHOOK_FIELDS, {}, { token })).data!.webhooks.length;
    await app.gql(CREATE_WEBHOOK, { input: { url: 'http://10.1.1.1/' } }, { token });
    expect((await app.gql(WEBHOOK_FIELDS, {}, { token })).data!.webhooks).toHaveLength(before);
  });

  it('with WEBHOOK_ALLOW_PRIVATE_NETWORKS, metadata and link-local addresses are still refused', async () => {
    for (const url of ['http://169.254.169.254/', 'http://[fd00:ec2::254]/', 'http://metadata.google.internal/', 'http://169.254.1.1/', 'http://[fe80::1]/']) {
      const response = await asPermissive(CREATE_WEBHOOK, { input: { url } });
      expect([url, response.errors?.[0].extensions?.reason]).toEqual([url, 'WEBHOOK_URL_NOT_ALLOWED']);
    }
  });

  it('updateWebhook checks a new URL as createWebhook does', async () => {
    const created = await asPermissive(CREATE_WEBHOOK, { input: { url: `http://127.0.0.1:${port}/to-move` } });
    const { id } = created.data!.createWebhook.webhook;
    const version = (await app.gql(WEBHOOK_FIELDS, {}, { token })).data!.webhooks.find((webhook) => webhook.id === id)!.version;
    const moved = await app.gql(UPDATE_WEBHOOK, { id, version, input: { url: 'http://169.254.169.254/latest/' } }, { token });
    expect(moved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEBHOOK_URL_NOT_ALLOWED', fields: [{ path: 'input.url' }] });
    const local = await app.gql(UPDATE_WEBHOOK, { id, version, input: { url: `http://localhost:${port}/elsewhere` } }, { token });
    expect(local.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.url', message: expect.stringContaining('localhost resolves to a loopback address') }] });
  });

  it('in production only https, unless private receivers are allowed and the receiver is one', async () => {
    const production = await createAppServer(app.orm, { ...app.config, env: 'production', webhooks: { ...app.config.webhooks, deliver: false } }, createLogger('silent'));
    try {
      const send = async (url: string) =>
        (await supertest(production.httpServer).post(GRAPHQL_PATH).set('authorization', `Bearer ${token}`).send({ query: print(CREATE_WEBHOOK), variables: { input: { url } } })).body;
      const plain = await send('http://8.8.8.8/hooks');
      expect(plain.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.url', message: 'This URL cannot receive webhooks: it must use https.' }] });
    } finally {
      await production.close();
    }
  });
});

describe('at every delivery, after DNS resolution', () => {
  /** Registers through the permissive server (or, for addresses nothing accepts, as a row written before these rules). */
  async function registerPermitted(url: string): Promise<string> {
    const created = await asPermissive(CREATE_WEBHOOK, { input: { url, eventTypes: ['opportunity.updated'] } });
    expect(created.errors).toBeUndefined();
    return created.data!.createWebhook.webhook.id;
  }

  it('a loopback receiver registered while allowed is not sent to once the setting is off: failed for good, with the reason', async () => {
    const literal = await registerPermitted(`http://127.0.0.1:${port}/blocked-literal`);
    const byName = await registerPermitted(`http://localhost:${port}/blocked-name`);
    const mapped = await registerPermitted(`http://[::ffff:127.0.0.1]:${port}/blocked-mapped`);
    await change('投递时拦截');
    const deliveries = await Promise.all([literal, byName, mapped].map(settledDelivery));
    expect(deliveries.map((delivery) => [delivery?.status, delivery?.attempts, delivery?.lastStatusCode, delivery?.lastError])).toEqual([
      ['FAILED', 1, null, 'blocked: 127.0.0.1 is a loopback address; not sent, and not retried'],
      ['FAILED', 1, null, 'blocked: localhost resolves to a loopback address; not sent, and not retried'],
      ['FAILED', 1, null, 'blocked: ::ffff:127.0.0.1 is a loopback address; not sent, and not retried'],
    ]);
    expect(deliveries[1]?.log.map((attempt) => attempt.error)).toEqual(['blocked: localhost resolves to a loopback address; not sent, and not retried']);
    const endpoints = (await app.gql(WEBHOOK_FIELDS, {}, { token })).data!.webhooks;
    expect(endpoints.filter((endpoint) => [literal, byName, mapped].includes(endpoint.id)).map((endpoint) => endpoint.status)).toEqual(['FAILING', 'FAILING', 'FAILING']);
    expect(received.filter((path) => path.startsWith('/blocked'))).toEqual([]);
  });

  it('endpoints stored before these rules, at internal or metadata addresses, are refused at delivery', async () => {
    const urls = [
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://100.64.0.1/',
      'http://224.0.0.1/',
      'http://0.0.0.0/',
      'http://metadata.google.internal/computeMetadata/v1/',
    ];
    const ids: string[] = [];
    for (const url of urls) {
      const id = randomUUID();
      ids.push(id);
      await sql(`insert into webhook_endpoint (id, owner_id, url, event_types, secret) values ($1, $2, $3, '{opportunity.updated}', 'whsec_legacy')`, [
        id,
        userId(people.admin),
        url,
      ]);
    }
    await change('旧端点拦截');
    const errors = (await Promise.all(ids.map(settledDelivery))).map((delivery) => [delivery?.status, delivery?.lastError]);
    expect(errors).toEqual([
      ['FAILED', 'blocked: 10.0.0.1 is a private (RFC 1918) address; not sent, and not retried'],
      ['FAILED', 'blocked: 169.254.169.254 is a cloud metadata address; not sent, and not retried'],
      ['FAILED', 'blocked: fd00:ec2::254 is a cloud metadata address; not sent, and not retried'],
      ['FAILED', 'blocked: fe80::1 is a link-local address; not sent, and not retried'],
      ['FAILED', 'blocked: 100.64.0.1 is a shared (CGNAT) address; not sent, and not retried'],
      ['FAILED', 'blocked: 224.0.0.1 is a multicast address; not sent, and not retried'],
      ['FAILED', 'blocked: 0.0.0.0 is the unspecified address; not sent, and not retried'],
      ['FAILED', 'blocked: metadata.google.internal is a cloud metadata service; not sent, and not retried'],
    ]);
  });
});
