import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Viewer } from '../permissions/viewer';

/** WebSocket close codes (graphql-ws leaves 4400–4499 to applications and names these two). */
export const WS_UNAUTHENTICATED = 4401;
export const WS_FORBIDDEN = 4403;

interface ClosableSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

interface CredentialState {
  i: string;
  state: 'OK' | 'REVOKED' | 'SUSPENDED' | 'TERMINATED';
}

/**
 * Ends open WebSocket connections whose credentials stopped being good after they connected: a session revoked by
 * logout or a reused refresh token, a revoked or expired API key, a user made inactive, or a partner whose
 * distributor was suspended or terminated (by the admin UI, SQL or another API process). Every few seconds
 * (SESSION_CHECK_SECONDS) it checks all of this process's connections in one statement and closes the ones that
 * fail: 4401 for credentials that no longer work, 4403 with the reason for a distributor that no longer trades.
 */
export class SessionWatch {
  private readonly sockets = new Map<ClosableSocket, Viewer>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  /** Watches a connection for as long as it is open. Anonymous connections have nothing to lose and are not watched. */
  track(socket: ClosableSocket, viewer: Viewer | null): void {
    if (viewer === null) return;
    this.sockets.set(socket, viewer);
    socket.once('close', () => this.sockets.delete(socket));
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.check()
        .catch((error: unknown) => this.log.warn({ err: error }, 'checking open WebSocket sessions failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One statement for every open connection of this process. */
  async check(): Promise<void> {
    const watched = [...this.sockets.entries()];
    if (watched.length === 0) return;
    const rows = await this.orm.em.fork().getConnection().execute<CredentialState[]>(
      `select x.i::text as i,
              case
                when u.id is null or u.status <> 'ACTIVE' then 'REVOKED'
                when x.session_id is not null and not exists (select 1 from auth_session s where s.id = x.session_id and s.revoked_at is null) then 'REVOKED'
                when x.api_key_id is not null and not exists (select 1 from api_key k where k.id = x.api_key_id and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())) then 'REVOKED'
                when u.role = 'PARTNER' and d.status in ('SUSPENDED', 'TERMINATED') then d.status::text
                else 'OK'
              end as state
         from jsonb_to_recordset(?::jsonb) as x(i int, user_id uuid, session_id uuid, api_key_id uuid)
         left join app_user u on u.id = x.user_id
         left join distributor d on d.id = u.distributor_id`,
      [JSON.stringify(watched.map(([, viewer], index) => ({ i: index, user_id: viewer.userId, session_id: viewer.sessionId, api_key_id: viewer.apiKeyId })))],
    );
    for (const row of rows) {
      if (row.state === 'OK') continue;
      const [socket, viewer] = watched[Number(row.i)];
      this.sockets.delete(socket);
      this.log.info({ event: 'websocket-session-ended', userId: viewer.userId, state: row.state }, 'closing a WebSocket whose credentials no longer hold');
      if (row.state === 'REVOKED') socket.close(WS_UNAUTHENTICATED, 'Session ended');
      else socket.close(WS_FORBIDDEN, row.state === 'SUSPENDED' ? 'DISTRIBUTOR_SUSPENDED' : 'DISTRIBUTOR_TERMINATED');
    }
  }
}
