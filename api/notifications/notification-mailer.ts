import type { MikroORM } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { renderNotification } from '../../schema/notifications/notification-texts';
import { NotificationLanguage, type NotificationKind } from '../../schema/notifications/notifications.enums';
import { withPgClient } from '../../schema/notifications/notification-runner';
import type { NotificationSettings } from '../config';

/** E-mails claimed at once by one worker. */
const BATCH = 20;
/** How long a claimed e-mail belongs to the claiming worker; after a crash another sends it once this ran out. */
const LEASE = `interval '5 minutes'`;
const FIRST_RETRY_SECONDS = 60;
const MAX_RETRY_SECONDS = 3600;

interface ClaimedMail {
  id: string;
  attempts: number;
  kind: NotificationKind;
  params: Record<string, unknown>;
  name: string;
  email: string;
}

/**
 * The transport e-mails go out through: SMTP at SMTP_URL, else nodemailer's JSON transport, whose messages are
 * written to the log, so nothing needs a mail server to run.
 */
export function createMailTransport(settings: Pick<NotificationSettings, 'smtpUrl'>): Transporter {
  return settings.smtpUrl === undefined ? nodemailer.createTransport({ jsonTransport: true }) : nodemailer.createTransport(settings.smtpUrl);
}

/** An e-mail of one notification: Chinese first, then English (a person's language is not recorded). */
export function notificationMail(mail: Pick<ClaimedMail, 'kind' | 'params' | 'name' | 'email'>, from: string): nodemailer.SendMailOptions {
  const zh = renderNotification(mail.kind, mail.params, NotificationLanguage.ZH_CN);
  const en = renderNotification(mail.kind, mail.params, NotificationLanguage.EN);
  return {
    from,
    to: { name: mail.name, address: mail.email },
    subject: `${zh.title} | ${en.title}`,
    text: `${zh.title}\n\n${zh.body}\n\n——\n\n${en.title}\n\n${en.body}\n`,
  };
}

/**
 * Sends the queued notification e-mails, in every process that has MAIL_DELIVERY on. A worker claims a batch with
 * `for update skip locked` and a lease, so two processes never take the same e-mail; it records `sent_at` once the
 * server accepted it, and a failure's error with a retry after a minute, doubling to an hour, up to MAIL_MAX_ATTEMPTS.
 * A transport error (the SMTP server away) is just a failed attempt: each send opens its own connection, so the
 * next attempt reconnects.
 */
export class NotificationMailer {
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly settings: NotificationSettings,
    private readonly log: Logger,
    private readonly transport: Transporter = createMailTransport(settings),
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sendDue().catch((error: unknown) => this.log.error({ err: error }, 'sending notification e-mails failed')), this.settings.mailPollMs);
    this.timer.unref();
  }

  /** Sends what is due now; resolves with how many went out. A call while one runs waits for it. */
  sendDue(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.sending ??= this.sendBatches().finally(() => (this.sending = undefined));
    return this.sending;
  }

  private async sendBatches(): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed = await this.claim();
      for (const mail of claimed) if (await this.send(mail)) sent += 1;
      if (claimed.length < BATCH || this.stopped) return sent;
    }
  }

  private async claim(): Promise<ClaimedMail[]> {
    return withPgClient(this.orm, async (db) =>
      (
        await db.query<ClaimedMail>(
          `with claimed as (
             update notification_mail m set attempts = m.attempts + 1, next_attempt_at = now() + ${LEASE}
              where m.id in (select id from notification_mail
                              where sent_at is null and next_attempt_at <= now() and attempts < $1
                              order by next_attempt_at limit ${BATCH} for update skip locked)
             returning m.id, m.notification_id, m.attempts)
           select c.id, c.attempts, n.kind, n.params, u.name, u.email
             from claimed c join notification n on n.id = c.notification_id join app_user u on u.id = n.recipient_id`,
          [this.settings.mailMaxAttempts],
        )
      ).rows,
    );
  }

  private async send(mail: ClaimedMail): Promise<boolean> {
    try {
      const info = (await this.transport.sendMail(notificationMail(mail, this.settings.mailFrom))) as { messageId?: string; message?: unknown };
      if (this.settings.smtpUrl === undefined) this.log.info({ mail: info.message?.toString() }, 'notification e-mail (no SMTP_URL: logged, not sent)');
      await withPgClient(this.orm, (db) => db.query('update notification_mail set sent_at = now(), last_error = null where id = $1', [mail.id]));
      return true;
    } catch (error) {
      const retry = Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** (mail.attempts - 1));
      this.log.warn({ err: error, mailId: mail.id, attempts: mail.attempts }, 'a notification e-mail was not sent; it is tried again');
      await withPgClient(this.orm, (db) =>
        db.query(`update notification_mail set last_error = $2, next_attempt_at = now() + make_interval(secs => $3) where id = $1`, [
          mail.id,
          String((error as Error).message ?? error).slice(0, 1000),
          retry,
        ]),
      );
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.sending?.catch(() => undefined);
    this.transport.close();
  }
}
