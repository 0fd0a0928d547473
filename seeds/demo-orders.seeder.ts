import type { EntityManager, MikroORM, RequiredEntityData } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { AppConfig } from '../api/config';
import type { RequestContext } from '../api/context';
import { nextNumber } from '../api/database/sequences';
import { createLogger } from '../api/logger';
import { Product } from '../schema/catalog/entities/product.entity';
import { PricingService } from '../schema/catalog/pricing.service';
import { SellThroughService } from '../schema/channels/sell-through.service';
import { Customer } from '../schema/customers/entities/customer.entity';
import { BillingService } from '../schema/orders/billing.service';
import { runContractLifecycle } from '../schema/orders/contract-lifecycle';
import { ContractService } from '../schema/orders/contracts.service';
import { Contract } from '../schema/orders/entities/contract.entity';
import { ContractLine } from '../schema/orders/entities/contract-line.entity';
import { Invoice } from '../schema/orders/entities/invoice.entity';
import { OrderLine } from '../schema/orders/entities/order-line.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import { PaymentMethod } from '../schema/orders/orders.enums';
import { OrderService } from '../schema/orders/orders.service';
import { ShipmentService } from '../schema/orders/shipments.service';
import { User } from '../schema/org/entities/user.entity';
import { contextActingAs } from '../schema/org/org.service';
import { Opportunity } from '../schema/pipeline/entities/opportunity.entity';
import { demoId } from './demo-ids';
import {
  DEMO_CONTRACTS,
  DEMO_CUSTOMER_SERVICE,
  DEMO_FINANCE,
  DEMO_ORDERS,
  DEMO_PARTNER,
  DEMO_PAYMENTS,
  DEMO_SELL_THROUGH,
  DEMO_WON_DEAL_CONTRACT,
  type DemoContract,
  type DemoInvoiceRef,
  type DemoOrder,
} from './demo-orders.data';

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** The demo people, each as a request context, so every record goes through the same service code as the API. */
class DemoPeople {
  private readonly contexts = new Map<string, RequestContext>();

  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  async as(email: string): Promise<RequestContext> {
    const known = this.contexts.get(email);
    if (known !== undefined) return known;
    const context = await contextActingAs(this.em, this.config, createLogger('silent'), demoId(`user:${email}`));
    if (context === null) throw new Error(`Demo user ${email} is missing or inactive`);
    this.contexts.set(email, context);
    return context;
  }
}

/** Reads a record again after a service changed it (conditional updates go around the identity map). */
async function reread<Row extends object>(em: EntityManager, row: Row): Promise<Row> {
  return (await em.refresh(row)) ?? row;
}

/** The ids of products by SKU, in one statement. */
async function productIds(em: EntityManager, skus: readonly string[]): Promise<Map<string, string>> {
  const products = await em.find(Product, { sku: { $in: [...new Set(skus)] } });
  const ids = new Map(products.map((product) => [product.sku, product.id]));
  const missing = skus.filter((sku) => !ids.has(sku));
  if (missing.length > 0) throw new Error(`Demo products missing: ${missing.join(', ')}`);
  return ids;
}

/**
 * An earlier contract of a demo customer, entered as a draft with lines priced from its price list and sized to its
 * target amount, then submitted, approved, signed or terminated through the contract service by the demo people.
 */
async function seedEarlierContract(em: EntityManager, people: DemoPeople, demo: DemoContract): Promise<Contract> {
  const owner = await people.as(demo.ownerEmail);
  const customer = await em.findOneOrFail(Customer, demoId(`customer:${demo.customerKey}`));
  const ids = await productIds(em, demo.lines.map((line) => line.sku));
  const probe = await new PricingService(owner).price(
    customer,
    demo.lines.map((line, index) => ({ productId: ids.get(line.sku)!, quantity: 1, discountPercent: new Decimal(line.discountPercent), path: `lines.${index}` })),
    inDays(0),
    { noPrice: () => new Error(`no demo price for ${demo.key}`), belowFloor: () => new Error(`demo discount below floor for ${demo.key}`) },
  );
  const contract = em.create(Contract, {
    id: demoId(`contract:${demo.key}`),
    number: await nextNumber(em, 'contract_number_seq', 'CT'),
    title: demo.title,
    customer,
    owner: em.getReference(User, owner.signedInViewer.userId),
    amount: '0',
    startDate: inDays(demo.startInDays),
    endDate: inDays(demo.endInDays),
    paymentTermsDays: demo.paymentTermsDays,
    createdBy: em.getReference(User, owner.signedInViewer.userId),
  });
  let amount = new Decimal(0);
  demo.lines.forEach((line, index) => {
    const priced = probe[index];
    const quantity = Math.max(1, Math.round((demo.targetAmount * line.share) / priced.unitPrice.toNumber()));
    const lineTotal = priced.unitPrice.times(quantity);
    amount = amount.plus(lineTotal);
    const data: RequiredEntityData<ContractLine> = {
      contract,
      position: index + 1,
      product: priced.product,
      quantity,
      listPrice: priced.listPrice.toFixed(2),
      discountPercent: priced.discountPercent.toFixed(2),
      unitPrice: priced.unitPrice.toFixed(2),
      lineTotal: lineTotal.toFixed(2),
      unitCost: priced.product.unitCost,
    };
    em.create(ContractLine, data);
  });
  contract.amount = amount.toFixed(2);
  await em.flush();

  if (demo.then.submit === true) await new ContractService(owner).submit(contract.id, (await reread(em, contract)).version);
  for (const approverEmail of demo.then.approvedBy ?? []) {
    await new ContractService(await people.as(approverEmail)).approve(contract.id, (await reread(em, contract)).version, '同意，按合同节点回款');
  }
  if (demo.then.sign === true) await new ContractService(owner).sign(contract.id, (await reread(em, contract)).version, inDays(Math.min(demo.startInDays, 0)));
  if (demo.then.terminatedBy !== undefined) {
    await new ContractService(await people.as(demo.then.terminatedBy)).terminate(contract.id, (await reread(em, contract)).version, demo.then.terminationReason ?? '');
  }
  return reread(em, contract);
}

/** The won deal's contract, made from its opportunity (and so its accepted quote) by its owner, submitted and signed. */
async function seedWonDealContract(em: EntityManager, people: DemoPeople): Promise<Contract> {
  const demo = DEMO_WON_DEAL_CONTRACT;
  const owner = new ContractService(await people.as(demo.byEmail));
  const opportunity = await em.findOneOrFail(Opportunity, demoId(`opportunity:${demo.opportunityKey}`));
  const draft = await owner.create({
    opportunityId: opportunity.id,
    title: demo.title,
    startDate: inDays(demo.startInDays),
    endDate: inDays(demo.endInDays),
    paymentTermsDays: demo.paymentTermsDays,
  });
  const submitted = await owner.submit(draft.id, draft.version);
  return owner.sign(submitted.id, submitted.version, inDays(demo.startInDays));
}

/**
 * An order placed by its placer (direct, against its contract, or by the partner), then shipped batch by batch by
 * customer service with delivery confirmed, and invoiced by finance after each shipment it is invoiced for.
 * Returns the order's invoices in the order they were made.
 */
async function seedOrder(em: EntityManager, people: DemoPeople, demo: DemoOrder, contracts: Map<string, Contract>): Promise<Invoice[]> {
  const placer = await people.as(demo.placedByEmail);
  const contract = demo.contractKey === undefined ? undefined : contracts.get(demo.contractKey);
  const contractLines = contract === undefined ? [] : await em.find(ContractLine, { contract: contract.id }, { populate: ['product'] });
  const ids = await productIds(em, demo.lines.map((line) => line.sku));
  const lines = demo.lines.map((line) => {
    if (contract === undefined) return { productId: ids.get(line.sku)!, quantity: line.quantity, discountPercent: line.discountPercent ?? '0' };
    const contractLine = contractLines.find((each) => each.product.sku === line.sku);
    if (contractLine === undefined) throw new Error(`${demo.key}: the contract has no ${line.sku}`);
    return { contractLineId: contractLine.id, quantity: line.quantity, discountPercent: '0' };
  });
  const orders = new OrderService(placer);
  let order = await orders.place({
    customerId: demoId(`customer:${demo.customerKey}`),
    contractId: contract?.id,
    lines,
    requestedDeliveryDate: demo.requestedDeliveryInDays === undefined ? undefined : inDays(demo.requestedDeliveryInDays),
  } as Parameters<OrderService['place']>[0]);
  if (demo.cancelReason !== undefined) order = await orders.cancel(order.id, order.version, demo.cancelReason);

  const invoices: Invoice[] = [];
  const service = await people.as(DEMO_CUSTOMER_SERVICE);
  const finance = new BillingService(await people.as(DEMO_FINANCE));
  for (const shipmentDemo of demo.shipments ?? []) {
    const orderLines = await em.find(OrderLine, { order: order.id }, { populate: ['product'] });
    const shipment = await new ShipmentService(service).create({
      orderId: order.id,
      shippedOn: inDays(shipmentDemo.shippedInDays),
      carrier: '顺丰速运',
      deliveryAddress: shipmentDemo.deliveryAddress,
      deliveryRegionId: shipmentDemo.deliveryRegionKey === undefined ? undefined : demoId(`unit:${shipmentDemo.deliveryRegionKey}`),
      lines: shipmentDemo.lines.map((line) => ({
        orderLineId: orderLines.find((each) => each.product.sku === line.sku)!.id,
        quantity: line.quantity,
        batchNumber: line.batchNumber,
      })),
    } as Parameters<ShipmentService['create']>[0]);
    if (shipmentDemo.deliveredInDays !== undefined) {
      await new ShipmentService(service).confirmDelivery(shipment.id, shipment.version, inDays(shipmentDemo.deliveredInDays), shipmentDemo.receivedBy ?? '收货人');
    }
    if (shipmentDemo.invoicedInDays !== undefined) {
      invoices.push(await finance.createInvoice({ orderId: order.id, issueDate: inDays(shipmentDemo.invoicedInDays) }));
    }
  }
  return invoices;
}

/** Payments received by finance and allocated by share of each invoice, with what is left on the payment. */
async function seedPayments(em: EntityManager, people: DemoPeople, invoices: Map<DemoInvoiceRef, Invoice>): Promise<void> {
  const finance = new BillingService(await people.as(DEMO_FINANCE));
  for (const demo of DEMO_PAYMENTS) {
    const allocations = demo.allocations.map((allocation) => {
      const invoice = invoices.get(allocation.invoice);
      if (invoice === undefined) throw new Error(`${demo.key}: no demo invoice ${allocation.invoice}`);
      return { invoiceId: invoice.id, amount: new Decimal(invoice.amount).times(allocation.share).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2) };
    });
    const amount = allocations.reduce((sum, allocation) => sum.plus(allocation.amount), new Decimal(demo.unallocated));
    await finance.recordPayment({
      customerId: demoId(`customer:${demo.customerKey}`),
      amount: amount.toFixed(2),
      receivedOn: inDays(demo.receivedInDays),
      method: PaymentMethod[demo.method],
      reference: demo.reference,
      payerAccount: demo.payerAccount,
      allocations,
    });
  }
}

/** The distributor's sell-through report, submitted by its partner user (it raises the 华北 sale's conflict). */
async function seedSellThrough(em: EntityManager, people: DemoPeople): Promise<void> {
  const demo = DEMO_SELL_THROUGH;
  const ids = await productIds(em, demo.lines.map((line) => line.sku));
  await new SellThroughService(await people.as(DEMO_PARTNER)).submit({
    periodStart: inDays(demo.periodStartInDays),
    periodEnd: inDays(demo.periodEndInDays),
    lines: demo.lines.map((line) => ({
      productId: ids.get(line.sku)!,
      quantity: line.quantity,
      batchNumber: line.batchNumber,
      endCustomerName: line.endCustomerName,
      saleRegionId: demoId(`unit:${line.saleRegionKey}`),
      soldOn: inDays(line.soldInDays),
    })),
  });
}

/**
 * Adds the demo order-to-cash records (seeds/demo-orders.data.ts) to a database holding the demo sales data but no
 * contracts yet: contracts in every status, orders, shipments, invoices, payments, the distributor's report; then
 * the contract lifecycle runs once, so dates decide what is active, expired or due for renewal.
 */
export async function seedDemoOrdersIfEmpty(orm: MikroORM, config: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  const demoSalesPresent = (await em.count(Opportunity, { id: demoId(`opportunity:${DEMO_WON_DEAL_CONTRACT.opportunityKey}`) })) > 0;
  if (!demoSalesPresent || (await em.count(Contract)) > 0 || (await em.count(SalesOrder)) > 0) return false;
  await em.transactional(async (tx) => {
    const people = new DemoPeople(tx, config);
    const contracts = new Map<string, Contract>([[DEMO_WON_DEAL_CONTRACT.key, await seedWonDealContract(tx, people)]]);
    for (const demo of DEMO_CONTRACTS) contracts.set(demo.key, await seedEarlierContract(tx, people, demo));
    await runContractLifecycle(tx, { renewalWindowDays: config.renewalWindowDays });

    const invoices = new Map<DemoInvoiceRef, Invoice>();
    for (const demo of DEMO_ORDERS) {
      (await seedOrder(tx, people, demo, contracts)).forEach((invoice, index) => invoices.set(`${demo.key}#${index + 1}`, invoice));
    }
    await seedPayments(tx, people, invoices);
    await seedSellThrough(tx, people);
  });
  return true;
}
