import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import { forkActingAs } from './database/actor';
import { createLoaders, type Loaders } from './loaders';
import { UnauthenticatedError } from './errors';
import type { Viewer } from './permissions/viewer';

/** Mutable per-request state, held by reference so Apollo's per-operation copies of the context share it. */
interface ViewerState {
  viewer: Viewer | null;
  loaders: Loaders | undefined;
  /** The client's address as the HTTP or WebSocket server saw it (after TRUST_PROXY): sign-in throttling counts by it. */
  clientAddress?: string | null;
}

/**
 * Everything a resolver may use for one request: its own forked EntityManager (its own identity map), the
 * viewer, and loaders made for that viewer.
 */
export class RequestContext {
  private readonly state: ViewerState;

  constructor(
    readonly em: EntityManager,
    readonly config: AppConfig,
    readonly log: Logger,
    viewer: Viewer | null,
    state?: ViewerState,
  ) {
    this.state = state ?? { viewer, loaders: undefined };
  }

  /**
   * The same request working through another EntityManager, typically the one `em.transactional` hands out, so
   * several services write in one transaction: `ctx.em.transactional((em) => new XService(ctx.withEntityManager(em)).…)`.
   */
  withEntityManager(em: EntityManager): RequestContext {
    return new RequestContext(em, this.config, this.log, this.state.viewer, this.state);
  }

  get viewer(): Viewer | null {
    return this.state.viewer;
  }

  /** Where the request came from; null for work done outside a request. */
  get clientAddress(): string | null {
    return this.state.clientAddress ?? null;
  }

  /**
   * The viewer, for code behind the shield: operations that need one are refused before they run, so this throws
   * only if a rule was declared wrong.
   */
  get signedInViewer(): Viewer {
    if (this.state.viewer === null) throw new UnauthenticatedError();
    return this.state.viewer;
  }

  /** Made on first use, for the current viewer. */
  get loaders(): Loaders {
    this.state.loaders ??= createLoaders(this.em, this.state.viewer);
    return this.state.loaders;
  }

  /**
   * A new context for the same viewer over a fresh EntityManager and fresh loaders: a subscription lives for hours,
   * and each event it delivers must be checked against the data as it is now, not as the first event found it.
   */
  fresh(): RequestContext {
    return new RequestContext(this.em.fork(), this.config, this.log, this.state.viewer);
  }

  /**
   * Drops what the loaders have read. Loaders hold read rows, which no write updates: a mutation that follows another
   * in one document must read what the earlier one changed.
   */
  forgetReads(): void {
    this.state.loaders = undefined;
  }

  /** After `login`, the rest of the request acts as the signed-in user (so `login { user { … } }` resolves). */
  actAs(viewer: Viewer): void {
    this.state.viewer = viewer;
    this.state.loaders = undefined;
  }
}

/** A request's context; a signed-in viewer's writes are recorded in the outbox as theirs. */
export function createRequestContext(em: EntityManager, config: AppConfig, log: Logger, viewer: Viewer | null, clientAddress: string | null = null): RequestContext {
  return new RequestContext(viewer === null ? em : forkActingAs(em, viewer.userId), config, log, viewer, { viewer, loaders: undefined, clientAddress });
}
