import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createLogger } from '../api/logger';
import { createMailTransport, NotificationMailer } from '../api/notifications/notification-mailer';
import { runNotificationRules } from '../schema/notifications/notification-runner';
import { NotificationKind } from '../schema/notifications/notifications.enums';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId } from './fixtures/demo-people';
import { freePort } from './support/free-port';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Notification e-mail through a real SMTP server (smtp-server, in this process): sent once, and when the server is
 * away, kept with its error and sent by the attempt after it is back (each attempt connects anew).
 */
let app: TestApp;
let db: pg.Client;

beforeAll(async () => {
  app = await createTestApp({ MAIL_DELIVERY: 'false' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  db = new pg.Client({ connectionString: app.config.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await app.close();
});

interface Received {
  from: string;
  to: string[];
  data: string;
}

async function startSmtp(port: number): Promise<{ received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  expect((server.server.address() as AddressInfo).port).toBe(port);
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

it('sends a complaint past its SLA to the handler and their manager once, and retries while the server is away', async () => {
  const person = people.shanghai1Teammate;
  const { id } = (
    await db.query<{ id: string }>(
      `insert into complaint (id, customer_id, title, description, severity, status, reported_by_id, handler_id, opened_at, sla_due_at)
       select gen_random_uuid(), c.id, 'SMTP 测试投诉', '无', 'CRITICAL', 'OPEN', $1, $1, now() - interval '2 days', now() - interval '3 hours'
         from customer c limit 1 returning id`,
      [userId(person)],
    )
  ).rows[0];
  const made = await runNotificationRules(db, {
    timeZone: app.config.companyTimeZone,
    leadUnworkedDays: 3,
    kinds: [NotificationKind.COMPLAINT_SLA_BREACHED],
  });
  expect(made.filter((row) => row.mailed)).toHaveLength(made.length);

  const port = await freePort();
  const settings = { ...app.config.notifications, smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'SalesGraph <notify@huaxin.demo>' };
  const mailStatus = async () =>
    (
      await db.query<{ recipient: string; sent: boolean; attempts: number; error: string | null }>(
        `select n.recipient_id as recipient, m.sent_at is not null as sent, m.attempts, m.last_error as error
           from notification_mail m join notification n on n.id = m.notification_id where n.cause = $1 order by 1`,
        [`complaint:${id}:sla`],
      )
    ).rows;

  // Nobody listens yet: every attempt fails with the connection error and waits for its retry.
  const away = new NotificationMailer(app.orm, settings, createLogger('silent'), createMailTransport(settings));
  expect(await away.sendDue()).toBe(0);
  await away.stop();
  const failed = await mailStatus();
  expect(failed).toHaveLength(2);
  for (const mail of failed) expect(mail).toMatchObject({ sent: false, attempts: 1, error: expect.stringMatching(/ECONNREFUSED|connect/i) });

  const smtp = await startSmtp(port);
  try {
    await db.query(`update notification_mail set next_attempt_at = now() where sent_at is null`);
    const mailer = new NotificationMailer(app.orm, settings, createLogger('silent'), createMailTransport(settings));
    try {
      expect(await mailer.sendDue()).toBeGreaterThanOrEqual(2);
      // A second round sends none of these again (other causes' mails may come due meanwhile on a busy machine:
      // what counts is that each of these went out once, below).
      await mailer.sendDue();
    } finally {
      await mailer.stop();
    }
    const mine = smtp.received.filter((mail) => mail.data.includes('SMTP') || mail.to.includes(person.email));
    expect(mine.map((mail) => mail.to).flat()).toContain(person.email);
    expect(mine.filter((mail) => mail.to.includes(person.email))).toHaveLength(1);
    expect(mine[0].from).toBe('notify@huaxin.demo');
    expect((await mailStatus()).map((mail) => ({ sent: mail.sent, attempts: mail.attempts, error: mail.error }))).toEqual([
      { sent: true, attempts: 2, error: null },
      { sent: true, attempts: 2, error: null },
    ]);
  } finally {
    await smtp.close();
  }
});
