import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { KINDS_BY_EVENT_TYPE } from '../../schema/notifications/notification-rules';
import { runNotificationRules, withPgClient, type NotificationRuleSettings } from '../../schema/notifications/notification-runner';
import type { NotificationKind } from '../../schema/notifications/notifications.enums';
import type { EventBus, EventQueue } from '../events/event-bus';

/**
 * The outbox feed: approvals (and the other kinds an event can cause, KINDS_BY_EVENT_TYPE) reach the inbox within
 * a second of their commit, not at the next hourly run. It reads the same committed, ordered event stream this
 * process's subscriptions get, and on an event that can cause a kind it runs that kind's rules at once.
 *
 * Why re-run the rules rather than turn each event into notifications: the rules stay the one definition of who is
 * told what (an event would need its own copy of it), and they need no cursor of their own. An event missed while the
 * process was down is no loss: the rules find every cause from the tables, and the hourly run (which also runs at
 * start) catches up. Every process runs the feed; the unique key (recipient, kind, cause) lets each notification in
 * once, whichever process inserts it first.
 */
export class NotificationFeed {
  private queue: EventQueue | undefined;
  private pending = new Set<NotificationKind>();
  private running: Promise<void> | undefined;
  private consuming: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventBus,
    private readonly settings: NotificationRuleSettings,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.consuming = this.consume();
  }

  private async consume(): Promise<void> {
    while (!this.stopped) {
      this.queue = this.events.subscribe();
      try {
        for await (const events of this.queue) {
          for (const event of events) for (const kind of KINDS_BY_EVENT_TYPE[event.type] ?? []) this.pending.add(kind);
          if (this.pending.size > 0) this.runPending();
        }
      } catch (error) {
        // Only a queue that overflowed ends with an error: subscribe again (the hourly run covers what was dropped).
        this.log.warn({ err: error }, 'the notification feed fell behind the event stream; resubscribing');
      }
    }
  }

  /** Runs the pending kinds; events during a run make one more run after it, for everything they added. */
  private runPending(): void {
    if (this.running !== undefined || this.stopped) return;
    const kinds = [...this.pending];
    this.pending.clear();
    this.running = withPgClient(this.orm, (db) => runNotificationRules(db, { ...this.settings, kinds }))
      .then(
        (inserted) => void (inserted.length > 0 && this.log.debug({ notifications: inserted.length, kinds }, 'the outbox feed made notifications')),
        (error: unknown) => this.log.error({ err: error, kinds }, 'running notification rules for new events failed'),
      )
      .finally(() => {
        this.running = undefined;
        if (this.pending.size > 0) this.runPending();
      });
  }

  /** Waits for a run in progress (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue?.return();
    await this.consuming;
    await this.idle();
  }
}
