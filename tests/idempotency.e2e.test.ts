import pg from 'pg';
import { idempotencyLockName } from '../api/database/idempotency';
import { Lead } from '../schema/pipeline/entities/lead.entity';
import { Payment } from '../schema/orders/entities/payment.entity';
import { createCustomer, databaseDay } from './fixtures/billing-fixtures';
import { people, units, userId } from './fixtures/demo-people';
import { RECORD_PAYMENT } from './graphql/billing.documents';
import { CREATE_API_KEY } from './graphql/documents';
import { CREATE_LEAD } from './graphql/pipeline.documents';
import { errorOf } from './support/errors';
import { pause } from './support/wait';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Idempotency keys, as Stripe has them: the same key with the same request returns the first result, the same key
 * with another request is a CONFLICT (IDEMPOTENCY_KEY_REUSED), and concurrent requests with one key are serialised
 * by the key's lock — proved by holding that lock while twenty requests pile up behind it.
 */
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app.close();
});

const as = async (person: { email: string }) => ({ token: await app.tokenFor(person.email) });

describe('recordPayment', () => {
  it('20 concurrent payments with one key and different amounts: one payment; the rest get it back only when their payload is the same, else CONFLICT', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const finance = await as(people.finance);
    const receivedOn = await databaseDay(app, 0);
    const key = 'bank-statement-7731';
    // Half send the same amount, the other half each another one: whoever goes first decides which half matches.
    const amounts = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? '500.00' : `${501 + index}.00`));

    // Hold the key's lock from outside, so every request reaches it before any may pass: the interleaving where all
    // of them would find "no payment with this key yet" is forced, not hoped for.
    const holder = new pg.Client({ connectionString: app.orm.config.getClientUrl() });
    await holder.connect();
    let answers: Awaited<ReturnType<typeof app.gql<unknown, unknown>>>[];
    try {
      await holder.query(`select pg_advisory_lock(hashtextextended($1, 0))`, [idempotencyLockName(userId(people.finance), key)]);
      const requests = amounts.map((amount) => app.gql(RECORD_PAYMENT, { input: { customerId, amount, receivedOn, method: 'BANK_TRANSFER', idempotencyKey: key } }, finance));
      // Every connection of the server's pool (5) ends up waiting on the lock.
      let waiting = 0;
      for (let tries = 0; tries < 200 && waiting < 5; tries += 1) {
        await pause(50);
        const { rows } = await holder.query<{ count: string }>(`select count(*) from pg_locks where locktype = 'advisory' and not granted`);
        waiting = Number(rows[0].count);
      }
      expect(waiting).toBe(5);
      await holder.query(`select pg_advisory_unlock_all()`);
      answers = await Promise.all(requests);
    } finally {
      await holder.end();
    }

    const payments = await app.orm.em.fork().find(Payment, { customer: customerId });
    expect(payments).toHaveLength(1);
    const [payment] = payments;
    answers.forEach((answer, index) => {
      if (amounts[index] === payment.amount) {
        expect({ index, errors: answer.errors }).toEqual({ index, errors: undefined });
        expect((answer.data as { recordPayment: { id: string } }).recordPayment.id).toBe(payment.id);
      } else {
        expect({ index, data: answer.data }).toEqual({ index, data: null });
        expect(errorOf(answer.errors)).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', field: 'input.idempotencyKey' });
      }
    });
  });

  it('the same request again, with its fields in another order and an absent field sent as null, is the same request', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const finance = await as(people.finance);
    const receivedOn = await databaseDay(app, 0);
    const first = await app.gql(RECORD_PAYMENT, { input: { customerId, amount: '80.00', receivedOn, method: 'CASH', idempotencyKey: 'till-1' } }, finance);
    const again = await app.gql(RECORD_PAYMENT, { input: { idempotencyKey: 'till-1', method: 'CASH', receivedOn, amount: '80.00', customerId, reference: null } }, finance);
    expect(again.data?.recordPayment.id).toBe(first.data?.recordPayment.id);
  });

  it('keys are checked before anything else and must not be blank', async () => {
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const blank = await app.gql(RECORD_PAYMENT, { input: { customerId, amount: '1.00', receivedOn: await databaseDay(app, 0), method: 'CASH', idempotencyKey: '   ' } }, await as(people.finance));
    expect(errorOf(blank.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.idempotencyKey'] });
  });
});

describe('createLead (web forms through an API key)', () => {
  let webForm: { apiKey: string };

  beforeAll(async () => {
    const created = await app.gql(
      CREATE_API_KEY,
      { input: { name: 'web form', scopes: ['WRITE_LEADS', 'READ_SALES'], userId: userId(people.integration) } },
      await as(people.admin),
    );
    webForm = { apiKey: created.data!.createApiKey.key };
  });

  const lead = (company: string, idempotencyKey?: string) => ({
    source: 'WEBSITE' as const,
    company,
    contactName: '王先生',
    phone: '+86 138 0000 0000',
    regionId: units.east,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });

  it('a resubmitted form enters one lead; the key with another lead is a CONFLICT', async () => {
    const first = await app.gql(CREATE_LEAD, { input: lead('云杉科技', 'form-20261205-0001') }, webForm);
    expect(first.errors).toBeUndefined();
    const resubmitted = await app.gql(CREATE_LEAD, { input: lead('云杉科技', 'form-20261205-0001') }, webForm);
    expect(resubmitted.data?.createLead.id).toBe(first.data?.createLead.id);
    const other = await app.gql(CREATE_LEAD, { input: lead('另一家公司', 'form-20261205-0001') }, webForm);
    expect(errorOf(other.errors)).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await app.orm.em.fork().count(Lead, { company: { $in: ['云杉科技', '另一家公司'] } })).toBe(1);
  });

  it('ten submissions of one form at once enter one lead', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => app.gql(CREATE_LEAD, { input: lead('并发表单公司', 'form-20261205-0002') }, webForm)));
    expect(answers.map((answer) => answer.errors)).toEqual(Array(10).fill(undefined));
    expect(new Set(answers.map((answer) => answer.data?.createLead.id)).size).toBe(1);
    expect(await app.orm.em.fork().count(Lead, { company: '并发表单公司' })).toBe(1);
  });

  it('without a key, every submission is a lead of its own', async () => {
    await app.gql(CREATE_LEAD, { input: lead('无键公司') }, webForm);
    await app.gql(CREATE_LEAD, { input: lead('无键公司') }, webForm);
    expect(await app.orm.em.fork().count(Lead, { company: '无键公司' })).toBe(2);
  });

  it('a key is its user’s: another user may use the same key; the same user may not use it for another operation', async () => {
    const rep = await as(people.shanghai1Rep);
    const mine = await app.gql(CREATE_LEAD, { input: lead('销售录入公司', 'form-20261205-0001') }, rep);
    expect(mine.errors).toBeUndefined();
    const customerId = await createCustomer(app, { owner: people.shanghai1Rep });
    const payment = await app.gql(RECORD_PAYMENT, { input: { customerId, amount: '1.00', receivedOn: await databaseDay(app, 0), method: 'CASH', idempotencyKey: 'shared-key' } }, await as(people.finance));
    expect(payment.errors).toBeUndefined();
    const sameKeyOtherOperation = await app.gql(CREATE_LEAD, { input: lead('财务录入公司', 'shared-key') }, await as(people.finance));
    // Finance may not enter leads at all; the admin, who may do both, shows the cross-operation refusal.
    expect(sameKeyOtherOperation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await as(people.admin);
    await app.gql(RECORD_PAYMENT, { input: { customerId, amount: '2.00', receivedOn: await databaseDay(app, 0), method: 'CASH', idempotencyKey: 'admin-key' } }, admin);
    const crossed = await app.gql(CREATE_LEAD, { input: lead('管理员录入公司', 'admin-key') }, admin);
    expect(errorOf(crossed.errors)).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });
});
