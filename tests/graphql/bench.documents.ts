import { graphql } from '../gql';

/** The benchmark's query (tests/bench/opportunities.bench.ts), counted statement by statement in a test. */
export const BENCH_OPPORTUNITIES = graphql(`
  query BenchOpportunities($first: Int!) {
    opportunities(first: $first, orderBy: AMOUNT_DESC) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        amount
        stage
        customer {
          name
          tier
        }
        owner {
          name
        }
        quoteLines {
          quantity
          product {
            name
          }
        }
      }
    }
  }
`);
