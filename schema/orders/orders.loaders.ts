import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { childrenOfVisibleParentsLoader, entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import { databaseToday } from '../../api/database/today';
import type { Viewer } from '../../api/permissions/viewer';
import { Contract } from './entities/contract.entity';
import { ContractApprovalStep } from './entities/contract-approval-step.entity';
import { ContractLine } from './entities/contract-line.entity';
import { Invoice } from './entities/invoice.entity';
import { InvoiceLine } from './entities/invoice-line.entity';
import { OrderLine } from './entities/order-line.entity';
import { Payment } from './entities/payment.entity';
import { PaymentAllocation } from './entities/payment-allocation.entity';
import { SalesOrder } from './entities/sales-order.entity';
import { Shipment } from './entities/shipment.entity';
import { ShipmentLine } from './entities/shipment-line.entity';
import { createBillingLoaders } from './billing.loaders';
import { contractRowScope, invoiceRowScope, orderRowScope, paymentRowScope, shipmentRowScope } from './orders.policy';

/** The database's today, asked once per request however many rows count days from it (`Contract.daysLeft`). */
function todayLoader(em: EntityManager): DataLoader<'today', string> {
  return new DataLoader(async (keys) => {
    const today = await databaseToday(em);
    return keys.map(() => today);
  });
}

/** Contracts, orders, shipments, invoices and payments with their lines, each batched and in the viewer's scope. */
export function createOrderLoaders(em: EntityManager, viewer: Viewer | null) {
  const scoped = <Row>(scope: (viewer: Viewer) => FilterQuery<Row>): FilterQuery<Row> => (viewer === null ? (MATCHES_NOTHING as unknown as FilterQuery<Row>) : scope(viewer));
  const contractScope = scoped(contractRowScope);
  const orderScope = scoped(orderRowScope);
  const invoiceScope = scoped(invoiceRowScope);
  const paymentScope = scoped(paymentRowScope);
  return {
    today: todayLoader(em),
    contractById: entityByIdLoader(em, Contract, contractScope),
    approvalStepById: entityByIdLoader(em, ContractApprovalStep, { contract: contractScope }),
    orderById: entityByIdLoader(em, SalesOrder, orderScope),
    shipmentById: entityByIdLoader(em, Shipment, scoped(shipmentRowScope)),
    invoiceById: entityByIdLoader(em, Invoice, invoiceScope),
    paymentById: entityByIdLoader(em, Payment, paymentScope),
    orderLineById: entityByIdLoader(em, OrderLine, { order: orderScope }),
    contractLineById: entityByIdLoader(em, ContractLine, { contract: contractScope }),
    linesByContractId: childrenOfVisibleParentsLoader(em, ContractLine, 'contract', contractScope, { position: 'asc' }),
    approvalStepsByContractId: childrenOfVisibleParentsLoader(em, ContractApprovalStep, 'contract', contractScope, { round: 'asc', position: 'asc' }),
    ordersByContractId: rowsByParentLoader(em, SalesOrder, 'contract', orderScope, { createdAt: 'asc', id: 'asc' }),
    linesByOrderId: childrenOfVisibleParentsLoader(em, OrderLine, 'order', orderScope, { position: 'asc' }),
    shipmentsByOrderId: childrenOfVisibleParentsLoader(em, Shipment, 'order', orderScope, { createdAt: 'asc', id: 'asc' }),
    linesByShipmentId: childrenOfVisibleParentsLoader(em, ShipmentLine, 'shipment', { order: orderScope }, { batchNumber: 'asc', id: 'asc' }),
    invoicesByOrderId: rowsByParentLoader(em, Invoice, 'order', invoiceScope, { createdAt: 'asc', id: 'asc' }),
    linesByInvoiceId: childrenOfVisibleParentsLoader(em, InvoiceLine, 'invoice', invoiceScope, { orderLine: { position: 'asc' }, id: 'asc' }),
    allocationsByInvoiceId: rowsByParentLoader(em, PaymentAllocation, 'invoice', { payment: paymentScope }, { allocatedAt: 'asc', id: 'asc' }),
    // Allocations made together share their time: the invoices' numbers order them.
    allocationsByPaymentId: childrenOfVisibleParentsLoader(em, PaymentAllocation, 'payment', paymentScope, { allocatedAt: 'asc', invoice: { number: 'asc' }, id: 'asc' }),
    ...createBillingLoaders(em),
  };
}
