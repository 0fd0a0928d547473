import type { FilterQuery } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import type { Role } from '../org/org.enums';
import { approvalLimitsByRole, managementChainOf } from '../org/org.service';
import { ApprovalRequest } from './entities/approval-request.entity';
import { Quote } from './entities/quote.entity';
import { ApprovalStatus, ApprovalSubject, QuoteStatus } from './pipeline.enums';
import { PipelineError, PipelineErrorCode } from './pipeline.errors';
import { approvalRowScope } from './pipeline.policy';
import type { ApprovalsArgs } from './quotes.inputs';
import { assertVersion, flushOrConflict } from './quotes.service';

type Decision = ApprovalStatus.APPROVED | ApprovalStatus.REJECTED;

/**
 * Approval requests (审批): addressed up the requester's management chain to the first manager whose authority
 * covers the request, decided once by that manager.
 */
export class ApprovalService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  approvalById(id: string): Promise<ApprovalRequest> {
    return findVisibleOrFail(this.em, ApprovalRequest, { id }, approvalRowScope(this.viewer), () => new PipelineError(PipelineErrorCode.APPROVAL_NOT_FOUND, { id }));
  }

  /** Requests the viewer may see, newest first; `addressedToMe` narrows to (or away from) the viewer's own inbox. */
  approvals(args: ApprovalsArgs): Promise<ConnectionShape<ApprovalRequest>> {
    const filter = args.filter;
    const conditions: FilterQuery<ApprovalRequest>[] = [approvalRowScope(this.viewer)];
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.addressedToMe === true) conditions.push({ approver: this.viewer.userId });
    if (filter?.addressedToMe === false) conditions.push({ approver: { $ne: this.viewer.userId } });
    return findPage(this.em, ApprovalRequest, { $and: conditions }, args, { createdAt: 'desc', id: 'desc' });
  }

  /** The largest discount each role may grant on its own (a role without a row: none). */
  async discountLimits(): Promise<Map<Role, Decimal>> {
    const limits = await approvalLimitsByRole(this.em);
    return new Map([...limits].map(([role, limit]) => [role, new Decimal(limit.maxDiscountPercent)]));
  }

  /** Who a request from the viewer may go to: the viewer's management chain. */
  private chain(): Promise<User[]> {
    const viewer = this.viewer;
    return managementChainOf(this.em, { id: viewer.userId, unit: viewer.unitId === null ? null : this.em.getReference(OrgUnit, viewer.unitId) });
  }

  /**
   * Addresses a discount request for `quote` to the nearest manager up the viewer's chain whose limit covers
   * `discount`; refuses when nobody's does. The caller flushes.
   */
  async requestQuoteDiscount(quote: Quote, discount: Decimal, limits: Map<Role, Decimal>, note: string | null): Promise<ApprovalRequest> {
    const approver = (await this.chain()).find((head) => discount.lessThanOrEqualTo(limits.get(head.role) ?? 0));
    if (approver === undefined) throw new PipelineError(PipelineErrorCode.DISCOUNT_BEYOND_ANY_AUTHORITY, { field: 'id' });
    return this.em.create(ApprovalRequest, {
      subject: ApprovalSubject.QUOTE_DISCOUNT,
      quote,
      requestedBy: this.em.getReference(User, this.viewer.userId),
      approver,
      discountPercent: discount.toFixed(2),
      requestNote: note,
    });
  }

  approve(id: string, version: number, comment: string | undefined): Promise<ApprovalRequest> {
    return this.decide(id, version, ApprovalStatus.APPROVED, comment?.trim() || null);
  }

  reject(id: string, version: number, comment: string): Promise<ApprovalRequest> {
    const reason = comment.trim();
    if (reason === '') throw UserInputError.field('comment', 'say why the request is rejected');
    return this.decide(id, version, ApprovalStatus.REJECTED, reason);
  }

  /**
   * One decision, once. Two decisions racing (two tabs, approve against reject) both pass the checks on what they
   * read; the conditional update lets exactly one of them through, and the other gets ALREADY_DECIDED.
   */
  private decide(id: string, version: number, decision: Decision, comment: string | null): Promise<ApprovalRequest> {
    return this.em.transactional(async (em) => {
      const request = await new ApprovalService(this.ctx.withEntityManager(em)).approvalById(id);
      if (request.approver.id !== this.viewer.userId) throw new PipelineError(PipelineErrorCode.NOT_THE_APPROVER);
      if (request.status !== ApprovalStatus.PENDING) throw new PipelineError(PipelineErrorCode.ALREADY_DECIDED, { status: request.status });
      assertVersion(request, version);

      const decided = await em.nativeUpdate(
        ApprovalRequest,
        { id, status: ApprovalStatus.PENDING, version },
        { status: decision, comment, decidedBy: this.viewer.userId, decidedAt: new Date(), version: version + 1, updatedAt: new Date() },
      );
      if (decided !== 1) throw new PipelineError(PipelineErrorCode.ALREADY_DECIDED);

      if (request.quote !== null) {
        const quote = await em.findOneOrFail(Quote, request.quote.id);
        if (quote.status !== QuoteStatus.PENDING_APPROVAL) throw new PipelineError(PipelineErrorCode.QUOTE_STATUS_CONFLICT, { status: quote.status });
        // Rejected: back to the rep, who may change it by making a new quote.
        quote.status = decision === ApprovalStatus.APPROVED ? QuoteStatus.APPROVED : QuoteStatus.DRAFT;
        await flushOrConflict(em);
      }
      // The conditional update went around the identity map: read back what was stored.
      return (await em.refresh(request)) ?? request;
    });
  }
}
