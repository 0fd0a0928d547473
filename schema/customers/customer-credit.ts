import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { Customer } from './entities/customer.entity';

/**
 * A customer's credit (信用管理) as orders and payments move it: `currentExposure` is what the customer owes or has
 * committed to (confirmed orders not yet paid for). Orders add to it when they are confirmed, cancellations and
 * payments take it back down. Writers hold the customer's row lock, so two orders placed at once are checked one
 * after the other and cannot both slip under the limit.
 */
export interface CustomerCredit {
  customer: Customer;
  creditLimit: Decimal;
  exposure: Decimal;
  /** What is left under the limit (negative when over it). */
  available: Decimal;
}

/** Locks the customer's row for the rest of the transaction and reads its credit as it is now. */
export async function lockCustomerCredit(em: EntityManager, customerId: string): Promise<CustomerCredit> {
  const customer = await em.findOneOrFail(Customer, customerId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const creditLimit = new Decimal(customer.creditLimit);
  const exposure = new Decimal(customer.currentExposure);
  return { customer, creditLimit, exposure, available: creditLimit.minus(exposure) };
}

/** Whether adding `amount` keeps the customer within its credit limit. */
export function withinCredit(credit: CustomerCredit, amount: Decimal.Value): boolean {
  return credit.exposure.plus(amount).lessThanOrEqualTo(credit.creditLimit);
}

/**
 * Moves the exposure of a customer locked with lockCustomerCredit by `delta` (negative for payments and
 * cancellations), never below zero: exposure carried over from before the system may be paid off in any order.
 * The caller flushes.
 */
export function changeExposure(credit: CustomerCredit, delta: Decimal.Value): void {
  const next = Decimal.max(0, credit.exposure.plus(delta));
  credit.customer.currentExposure = next.toFixed(2);
  credit.exposure = next;
  credit.available = credit.creditLimit.minus(next);
}
