import { graphql } from '../gql';

/**
 * Documents of the order-to-cash journey test that the module documents lack (typed by `npm run codegen`); the
 * journey otherwise reuses the contract, order, billing, channel and event documents.
 */

/** A contract's lines with their ids: what an order against the contract names. */
export const CONTRACT_LINES = graphql(`
  query ContractLines($id: ID!) {
    contract(id: $id) {
      id
      lines {
        id
        position
        quantity
        unitPrice
        lineTotal
        product {
          id
          sku
        }
      }
    }
  }
`);

/** Which price list an order was priced from, and at what prices. */
export const ORDER_PRICING = graphql(`
  query OrderPricing($id: ID!) {
    order(id: $id) {
      id
      status
      total
      priceList {
        id
        channel
        region {
          id
        }
      }
      distributor {
        id
        code
      }
      lines {
        quantity
        listPrice
        discountPercent
        unitPrice
        lineTotal
      }
    }
  }
`);
