import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../api/config';
import type { RequestContext } from '../api/context';
import { createLogger } from '../api/logger';
import { Product } from '../schema/catalog/entities/product.entity';
import { SalesChannel } from '../schema/catalog/catalog.enums';
import { ProductLine } from '../schema/catalog/entities/product-line.entity';
import { Distributor } from '../schema/channels/distributor.entity';
import { COMPLAINT_SLA_HOURS, ComplaintSeverity, ComplaintStatus, CustomerTier, DecisionRole, LifecycleStage } from '../schema/customers/customers.enums';
import { customerNameKey } from '../schema/customers/customers.service';
import { Complaint } from '../schema/customers/entities/complaint.entity';
import { Contact } from '../schema/customers/entities/contact.entity';
import { Customer } from '../schema/customers/entities/customer.entity';
import { SatisfactionSurvey } from '../schema/customers/entities/satisfaction-survey.entity';
import { Visit } from '../schema/customers/entities/visit.entity';
import { OrgUnit } from '../schema/org/entities/org-unit.entity';
import { User } from '../schema/org/entities/user.entity';
import { contextActingAs } from '../schema/org/org.service';
import { ApprovalService } from '../schema/pipeline/approvals.service';
import { ApprovalRequest } from '../schema/pipeline/entities/approval-request.entity';
import { Lead } from '../schema/pipeline/entities/lead.entity';
import { Opportunity } from '../schema/pipeline/entities/opportunity.entity';
import { OpportunityStageChange } from '../schema/pipeline/entities/opportunity-stage-change.entity';
import { ApprovalStatus, DEFAULT_PROBABILITY, LeadSource, LeadStatus, OPEN_STAGES, OpportunityStage } from '../schema/pipeline/pipeline.enums';
import { QuoteService } from '../schema/pipeline/quotes.service';
import { DEMO_COMPANY } from './demo-company.data';
import { DEMO_COMPLAINTS, DEMO_CUSTOMERS, DEMO_LEADS, DEMO_OPPORTUNITIES, DEMO_QUOTES, DEMO_VISITS } from './demo-sales.data';
import { demoId } from './demo-ids';

const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number): Date => new Date(Date.now() + days * DAY);
const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
const userRef = (em: EntityManager, email: string): User => em.getReference(User, demoId(`user:${email}`));
const unitRef = (em: EntityManager, key: string): OrgUnit => em.getReference(OrgUnit, demoId(`unit:${key}`));

/** The stages an opportunity went through to reach `stage`, in order (a lost one was lost in needs analysis). */
function pathTo(stage: OpportunityStage): OpportunityStage[] {
  if (stage === OpportunityStage.WON) return [...OPEN_STAGES, OpportunityStage.WON];
  if (stage === OpportunityStage.LOST) return [OpportunityStage.LEAD, OpportunityStage.CONTACT, OpportunityStage.NEEDS_ANALYSIS, OpportunityStage.LOST];
  return OPEN_STAGES.slice(0, OPEN_STAGES.indexOf(stage) + 1);
}

/**
 * Seeds the demo sales data (seeds/demo-sales.data.ts) into a database holding the demo company: customers, contacts,
 * visits, complaints, surveys, leads and opportunities with their stage history. Deterministic ids; dates relative
 * to today.
 */
export function seedDemoSales(em: EntityManager): Map<string, Opportunity> {
  const distributor = em.getReference(Distributor, demoId(`distributor:${DEMO_COMPANY.distributor.code}`));
  const customers = new Map<string, Customer>();
  DEMO_CUSTOMERS.forEach((data, index) => {
    const customer = em.create(Customer, {
      id: demoId(`customer:${data.key}`),
      code: `C${String(index + 1).padStart(6, '0')}`,
      name: data.name,
      nameKey: customerNameKey(data.name),
      taxId: data.taxId,
      industry: data.industry,
      region: unitRef(em, data.regionKey),
      address: data.address,
      tier: CustomerTier[data.tier],
      lifecycleStage: LifecycleStage[data.lifecycle],
      channel: data.throughDistributor ? SalesChannel.DISTRIBUTOR : SalesChannel.DIRECT,
      distributor: data.throughDistributor ? distributor : null,
      owner: userRef(em, data.ownerEmail),
      keyAccountManager: data.keyAccountManagerEmail ? userRef(em, data.keyAccountManagerEmail) : null,
      creditLimit: data.creditLimit,
      currentExposure: data.currentExposure,
      paymentDelayDays: data.paymentDelayDays,
      tags: data.tags,
      createdAt: daysFromNow(-400 + index * 7),
    });
    customers.set(data.key, customer);
    data.contacts.forEach((contact, contactIndex) => {
      em.create(Contact, {
        id: demoId(`contact:${data.key}:${contactIndex}`),
        customer,
        name: contact.name,
        title: contact.title,
        phone: contact.phone,
        email: contact.email,
        decisionRole: DecisionRole[contact.decisionRole as keyof typeof DecisionRole],
        isPrimary: contact.isPrimary === true,
      });
    });
  });
  const customer = (key: string): Customer => {
    const found = customers.get(key);
    if (found === undefined) throw new Error(`Unknown demo customer ${key}`);
    return found;
  };

  DEMO_VISITS.forEach((visit, index) => {
    em.create(Visit, {
      id: demoId(`visit:${index}`),
      customer: customer(visit.customerKey),
      contact: em.getReference(Contact, demoId(`contact:${visit.customerKey}:0`)),
      visitedBy: userRef(em, visit.byEmail),
      accompaniedBy: visit.withEmail ? userRef(em, visit.withEmail) : null,
      visitedOn: isoDate(daysFromNow(-visit.daysAgo)),
      purpose: visit.purpose,
      outcome: visit.outcome,
      nextStep: visit.nextStep ?? null,
    });
  });

  const customerServiceUser = userRef(em, DEMO_COMPANY.customerService.email);
  for (const data of DEMO_COMPLAINTS) {
    const openedAt = new Date(Date.now() - data.hoursAgo * 60 * 60 * 1000);
    const severity = ComplaintSeverity[data.severity];
    const complaint = em.create(Complaint, {
      id: demoId(`complaint:${data.key}`),
      customer: customer(data.customerKey),
      contact: em.getReference(Contact, demoId(`contact:${data.customerKey}:0`)),
      title: data.title,
      description: data.description,
      severity,
      status: ComplaintStatus[data.status],
      reportedBy: customerServiceUser,
      handler: customerServiceUser,
      openedAt,
      slaDueAt: new Date(openedAt.getTime() + COMPLAINT_SLA_HOURS[severity] * 60 * 60 * 1000),
      resolution: data.resolution ?? null,
      resolvedAt: data.resolution ? new Date(openedAt.getTime() + 40 * 60 * 60 * 1000) : null,
    });
    if (data.survey) {
      em.create(SatisfactionSurvey, {
        id: demoId(`survey:${data.key}`),
        customer: complaint.customer,
        complaint,
        score: data.survey.score,
        comment: data.survey.comment,
        recordedBy: customerServiceUser,
        surveyedAt: new Date(openedAt.getTime() + 72 * 60 * 60 * 1000),
      });
    }
  }

  DEMO_LEADS.forEach((data, index) => {
    em.create(Lead, {
      id: demoId(`lead:${data.key}`),
      source: LeadSource[data.source],
      company: data.company,
      contactName: data.contactName,
      contactTitle: data.contactTitle,
      phone: data.phone,
      region: unitRef(em, data.regionKey),
      team: data.teamKey ? unitRef(em, data.teamKey) : null,
      owner: data.ownerEmail ? userRef(em, data.ownerEmail) : null,
      status: LeadStatus[data.status],
      assignedAt: data.ownerEmail ? daysFromNow(-20 + index) : null,
      disqualifiedReason: data.disqualifiedReason ?? null,
      createdAt: daysFromNow(-30 + index),
    });
  });

  const opportunities = new Map<string, Opportunity>();
  for (const data of DEMO_OPPORTUNITIES) {
    const owner = customer(data.customerKey).owner;
    const stage = OpportunityStage[data.stage];
    const stages = pathTo(stage);
    const createdAt = daysFromNow(-10 * stages.length - 5);
    const opportunity = em.create(Opportunity, {
      id: demoId(`opportunity:${data.key}`),
      name: data.name,
      customer: customer(data.customerKey),
      owner,
      stage,
      amount: data.amount,
      expectedCloseDate: isoDate(daysFromNow(data.closeInDays)),
      probability: DEFAULT_PROBABILITY[stage],
      lostReason: data.lostReason ?? null,
      nextStep: data.nextStep ?? null,
      closedAt: stage === OpportunityStage.WON || stage === OpportunityStage.LOST ? daysFromNow(Math.min(data.closeInDays, -1)) : null,
      createdAt,
    });
    for (const code of data.productLines) opportunity.productLines.add(em.getReference(ProductLine, demoId(`product-line:${code}`)));
    stages.forEach((toStage, step) => {
      em.create(OpportunityStageChange, {
        id: demoId(`stage-change:${data.key}:${step}`),
        opportunity,
        fromStage: step === 0 ? null : stages[step - 1],
        toStage,
        changedBy: owner,
        changedAt: new Date(createdAt.getTime() + step * 10 * DAY),
        reason: toStage === OpportunityStage.LOST ? (data.lostReason ?? null) : null,
      });
    });
    opportunities.set(data.key, opportunity);
  }
  return opportunities;
}

/** A context acting as a demo user, so demo quotes go through the same service code as API calls. */
async function actingAs(em: EntityManager, config: AppConfig, email: string): Promise<RequestContext> {
  const context = await contextActingAs(em, config, createLogger('silent'), demoId(`user:${email}`));
  if (context === null) throw new Error(`Demo user ${email} is missing or inactive`);
  return context;
}

/** Demo quotes (DEMO_QUOTES), made, submitted, approved and accepted by the demo people themselves. */
async function seedDemoQuotes(em: EntityManager, config: AppConfig): Promise<void> {
  for (const demo of DEMO_QUOTES) {
    const owner = await actingAs(em, config, demo.byEmail);
    const lines = await Promise.all(
      demo.lines.map(async (line) => ({
        productId: (await em.findOneOrFail(Product, { sku: line.sku })).id,
        quantity: line.quantity,
        discountPercent: line.discountPercent,
      })),
    );
    const quotes = new QuoteService(owner);
    const draft = await quotes.create({ opportunityId: demoId(`opportunity:${demo.opportunityKey}`), validUntil: isoDate(daysFromNow(30)), note: demo.note, lines });
    let quote = await quotes.submit(draft.id, draft.version, demo.note);
    if (demo.then?.approveAs !== undefined) {
      const approver = await actingAs(em, config, demo.then.approveAs);
      const request = await em.findOneOrFail(ApprovalRequest, { quote: quote.id, status: ApprovalStatus.PENDING });
      await new ApprovalService(approver).approve(request.id, request.version, '同意，注意回款节点');
      quote = await em.refresh(quote) ?? quote;
    }
    if (demo.then?.accept === true) await quotes.accept(quote.id, quote.version);
  }
}

/**
 * Adds the demo sales data to a database that has the demo company but no customers yet (e.g. an older `.data/`):
 * the records first, then the quotes through the quote service.
 */
export async function seedDemoSalesIfEmpty(orm: MikroORM, config: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  const demoCompanyPresent = (await em.count(User, { id: demoId(`user:${DEMO_COMPANY.vp.email}`) })) > 0;
  if (!demoCompanyPresent || (await em.count(Customer)) > 0) return false;
  await em.transactional(async (tx) => {
    seedDemoSales(tx);
    await tx.flush();
    // Demo rows take fixed codes; the sequence continues after them.
    await tx.execute(`select setval('customer_code_seq', ${DEMO_CUSTOMERS.length})`);
    await seedDemoQuotes(tx, config);
  });
  return true;
}
