/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      tokenType\n      expiresAt\n      user {\n        id\n        name\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      englishName\n      role\n      status\n      unit {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query UserPersonalFields($id: ID!) {\n    user(id: $id) {\n      id\n      name\n      role\n      email\n      phone\n      hireDate\n    }\n  }\n": typeof types.UserPersonalFieldsDocument,
    "\n  query Users($filter: UserFilter, $first: Int!, $after: String, $orderBy: UserOrder! = NAME_ASC) {\n    users(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          role\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  query UsersWithManagers($first: Int!) {\n    users(first: $first) {\n      nodes {\n        id\n        name\n        manager {\n          id\n          name\n        }\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.UsersWithManagersDocument,
    "\n  query OrgTree {\n    orgUnits {\n      id\n      name\n      kind\n      depth\n      parent {\n        id\n      }\n      head {\n        id\n        name\n      }\n      children {\n        id\n        name\n      }\n      members {\n        id\n        name\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.OrgTreeDocument,
    "\n  query OrgUnit($id: ID!) {\n    orgUnit(id: $id) {\n      id\n      name\n      kind\n      head {\n        name\n      }\n      children {\n        id\n        name\n      }\n      members {\n        id\n        name\n        role\n      }\n    }\n  }\n": typeof types.OrgUnitDocument,
    "\n  query PartnerView {\n    me {\n      id\n      name\n      role\n      distributor {\n        code\n        name\n      }\n    }\n    orgUnits {\n      id\n      name\n      kind\n    }\n    users(first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        role\n      }\n    }\n  }\n": typeof types.PartnerViewDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        active\n        expiresAt\n        user {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  query ApiKeys($userId: ID) {\n    apiKeys(userId: $userId) {\n      id\n      name\n      prefix\n      scopes\n      active\n      revokedAt\n      lastUsedAt\n      user {\n        id\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query ProductLines {\n    productLines {\n      id\n      code\n      name\n    }\n  }\n": typeof types.ProductLinesDocument,
    "\n  query Products($filter: ProductFilter, $first: Int!, $after: String, $orderBy: ProductOrder! = NAME_ASC) {\n    products(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        sku\n        name\n        unit\n        status\n        productLine {\n          code\n        }\n      }\n    }\n  }\n": typeof types.ProductsDocument,
    "\n  query ProductCost($id: ID!) {\n    product(id: $id) {\n      id\n      sku\n      unitCost\n    }\n  }\n": typeof types.ProductCostDocument,
    "\n  query PriceLists($filter: PriceListFilter) {\n    priceLists(filter: $filter) {\n      id\n      name\n      channel\n      currency\n      validFrom\n      validTo\n      active\n      region {\n        id\n        name\n      }\n    }\n  }\n": typeof types.PriceListsDocument,
    "\n  query PriceListEntries($id: ID!, $first: Int!, $after: String) {\n    priceList(id: $id) {\n      id\n      name\n      entries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          listPrice\n          floorPrice\n          quantityBreaks {\n            minQuantity\n            unitPrice\n          }\n          product {\n            sku\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.PriceListEntriesDocument,
    "\n  query ApprovalLimits {\n    approvalLimits {\n      role\n      maxDiscountPercent\n      maxContractAmount\n      maxExpenseAmount\n      currency\n    }\n  }\n": typeof types.ApprovalLimitsDocument,
    "\n  query CommissionPlans {\n    commissionPlans {\n      name\n      validFrom\n      validTo\n      tiers {\n        achievementFrom\n        achievementTo\n        ratePercent\n      }\n    }\n  }\n": typeof types.CommissionPlansDocument,
    "\n  query DistributorCredit($id: ID!) {\n    user(id: $id) {\n      distributor {\n        code\n        contractStart\n        contractEnd\n        creditLimit\n      }\n    }\n  }\n": typeof types.DistributorCreditDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      sku\n      name\n      unitCost\n      version\n      productLine {\n        code\n      }\n    }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $version: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, version: $version, input: $input) {\n      id\n      name\n      status\n      version\n    }\n  }\n": typeof types.UpdateProductDocument,
    "\n  mutation CreatePriceList($input: CreatePriceListInput!) {\n    createPriceList(input: $input) {\n      id\n      name\n      channel\n      validFrom\n      validTo\n    }\n  }\n": typeof types.CreatePriceListDocument,
    "\n  mutation SetPriceListEntry($input: SetPriceListEntryInput!) {\n    setPriceListEntry(input: $input) {\n      id\n      listPrice\n      floorPrice\n      quantityBreaks {\n        minQuantity\n        unitPrice\n      }\n    }\n  }\n": typeof types.SetPriceListEntryDocument,
    "\n  fragment QuoteFields on Quote {\n    id\n    number\n    version\n    status\n    validUntil\n    listTotal\n    total\n    maxDiscountPercent\n    note\n    submittedAt\n    acceptedAt\n    priceList {\n      id\n    }\n    createdBy {\n      id\n    }\n    lines {\n      position\n      quantity\n      listPrice\n      discountPercent\n      unitPrice\n      lineTotal\n      product {\n        id\n        sku\n      }\n    }\n  }\n": typeof types.QuoteFieldsFragmentDoc,
    "\n  mutation CreateQuote($input: CreateQuoteInput!) {\n    createQuote(input: $input) {\n      ...QuoteFields\n    }\n  }\n": typeof types.CreateQuoteDocument,
    "\n  mutation SubmitQuote($id: ID!, $version: Int!, $note: String) {\n    submitQuote(id: $id, version: $version, note: $note) {\n      id\n      version\n      status\n      submittedAt\n      approvals {\n        id\n        version\n        status\n        discountPercent\n        requestNote\n        approver {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SubmitQuoteDocument,
    "\n  mutation AcceptQuote($id: ID!, $version: Int!) {\n    acceptQuote(id: $id, version: $version) {\n      id\n      version\n      status\n      acceptedAt\n      total\n      opportunity {\n        id\n        stage\n        amount\n        probability\n        closedAt\n      }\n    }\n  }\n": typeof types.AcceptQuoteDocument,
    "\n  query Quote($id: ID!) {\n    quote(id: $id) {\n      ...QuoteFields\n      opportunity {\n        id\n        stage\n      }\n      approvals {\n        id\n        status\n      }\n    }\n  }\n": typeof types.QuoteDocument,
    "\n  query QuoteCosts($id: ID!) {\n    quote(id: $id) {\n      id\n      lines {\n        unitPrice\n        unitCost\n        margin\n      }\n    }\n  }\n": typeof types.QuoteCostsDocument,
    "\n  query QuotesOfOpportunity($opportunityId: ID!) {\n    quotes(opportunityId: $opportunityId) {\n      id\n      status\n      approvals {\n        id\n        status\n      }\n    }\n  }\n": typeof types.QuotesOfOpportunityDocument,
    "\n  query OpportunityQuotes($quoteId: ID!) {\n    quote(id: $quoteId) {\n      id\n      opportunity {\n        id\n        stage\n        quotes {\n          id\n          status\n        }\n        currentQuote {\n          id\n          status\n        }\n        quoteLines {\n          position\n          quantity\n          product {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.OpportunityQuotesDocument,
    "\n  query Approvals($first: Int!, $after: String, $filter: ApprovalFilter) {\n    approvals(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        version\n        status\n        discountPercent\n        requestNote\n        comment\n        decidedAt\n        requestedBy {\n          id\n        }\n        approver {\n          id\n          name\n        }\n        decidedBy {\n          id\n        }\n        quote {\n          id\n          status\n        }\n      }\n    }\n  }\n": typeof types.ApprovalsDocument,
    "\n  query Approval($id: ID!) {\n    approval(id: $id) {\n      id\n      version\n      status\n      approver {\n        id\n      }\n      quote {\n        id\n      }\n    }\n  }\n": typeof types.ApprovalDocument,
    "\n  query ApprovalQueueWithLines($first: Int!) {\n    approvals(first: $first, filter: { statuses: [PENDING], addressedToMe: true }) {\n      nodes {\n        id\n        quote {\n          id\n          opportunity {\n            id\n            quoteLines {\n              quantity\n              product {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ApprovalQueueWithLinesDocument,
    "\n  mutation Approve($id: ID!, $version: Int!, $comment: String) {\n    approve(id: $id, version: $version, comment: $comment) {\n      id\n      version\n      status\n      comment\n      decidedAt\n      decidedBy {\n        id\n      }\n      quote {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ApproveDocument,
    "\n  mutation Reject($id: ID!, $version: Int!, $comment: String!) {\n    reject(id: $id, version: $version, comment: $comment) {\n      id\n      version\n      status\n      comment\n      quote {\n        id\n        status\n      }\n    }\n  }\n": typeof types.RejectDocument,
};
const documents: Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      tokenType\n      expiresAt\n      user {\n        id\n        name\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      englishName\n      role\n      status\n      unit {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query UserPersonalFields($id: ID!) {\n    user(id: $id) {\n      id\n      name\n      role\n      email\n      phone\n      hireDate\n    }\n  }\n": types.UserPersonalFieldsDocument,
    "\n  query Users($filter: UserFilter, $first: Int!, $after: String, $orderBy: UserOrder! = NAME_ASC) {\n    users(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          role\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  query UsersWithManagers($first: Int!) {\n    users(first: $first) {\n      nodes {\n        id\n        name\n        manager {\n          id\n          name\n        }\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.UsersWithManagersDocument,
    "\n  query OrgTree {\n    orgUnits {\n      id\n      name\n      kind\n      depth\n      parent {\n        id\n      }\n      head {\n        id\n        name\n      }\n      children {\n        id\n        name\n      }\n      members {\n        id\n        name\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.OrgTreeDocument,
    "\n  query OrgUnit($id: ID!) {\n    orgUnit(id: $id) {\n      id\n      name\n      kind\n      head {\n        name\n      }\n      children {\n        id\n        name\n      }\n      members {\n        id\n        name\n        role\n      }\n    }\n  }\n": types.OrgUnitDocument,
    "\n  query PartnerView {\n    me {\n      id\n      name\n      role\n      distributor {\n        code\n        name\n      }\n    }\n    orgUnits {\n      id\n      name\n      kind\n    }\n    users(first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        role\n      }\n    }\n  }\n": types.PartnerViewDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        active\n        expiresAt\n        user {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  query ApiKeys($userId: ID) {\n    apiKeys(userId: $userId) {\n      id\n      name\n      prefix\n      scopes\n      active\n      revokedAt\n      lastUsedAt\n      user {\n        id\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query ProductLines {\n    productLines {\n      id\n      code\n      name\n    }\n  }\n": types.ProductLinesDocument,
    "\n  query Products($filter: ProductFilter, $first: Int!, $after: String, $orderBy: ProductOrder! = NAME_ASC) {\n    products(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        sku\n        name\n        unit\n        status\n        productLine {\n          code\n        }\n      }\n    }\n  }\n": types.ProductsDocument,
    "\n  query ProductCost($id: ID!) {\n    product(id: $id) {\n      id\n      sku\n      unitCost\n    }\n  }\n": types.ProductCostDocument,
    "\n  query PriceLists($filter: PriceListFilter) {\n    priceLists(filter: $filter) {\n      id\n      name\n      channel\n      currency\n      validFrom\n      validTo\n      active\n      region {\n        id\n        name\n      }\n    }\n  }\n": types.PriceListsDocument,
    "\n  query PriceListEntries($id: ID!, $first: Int!, $after: String) {\n    priceList(id: $id) {\n      id\n      name\n      entries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          listPrice\n          floorPrice\n          quantityBreaks {\n            minQuantity\n            unitPrice\n          }\n          product {\n            sku\n            name\n          }\n        }\n      }\n    }\n  }\n": types.PriceListEntriesDocument,
    "\n  query ApprovalLimits {\n    approvalLimits {\n      role\n      maxDiscountPercent\n      maxContractAmount\n      maxExpenseAmount\n      currency\n    }\n  }\n": types.ApprovalLimitsDocument,
    "\n  query CommissionPlans {\n    commissionPlans {\n      name\n      validFrom\n      validTo\n      tiers {\n        achievementFrom\n        achievementTo\n        ratePercent\n      }\n    }\n  }\n": types.CommissionPlansDocument,
    "\n  query DistributorCredit($id: ID!) {\n    user(id: $id) {\n      distributor {\n        code\n        contractStart\n        contractEnd\n        creditLimit\n      }\n    }\n  }\n": types.DistributorCreditDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      sku\n      name\n      unitCost\n      version\n      productLine {\n        code\n      }\n    }\n  }\n": types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $version: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, version: $version, input: $input) {\n      id\n      name\n      status\n      version\n    }\n  }\n": types.UpdateProductDocument,
    "\n  mutation CreatePriceList($input: CreatePriceListInput!) {\n    createPriceList(input: $input) {\n      id\n      name\n      channel\n      validFrom\n      validTo\n    }\n  }\n": types.CreatePriceListDocument,
    "\n  mutation SetPriceListEntry($input: SetPriceListEntryInput!) {\n    setPriceListEntry(input: $input) {\n      id\n      listPrice\n      floorPrice\n      quantityBreaks {\n        minQuantity\n        unitPrice\n      }\n    }\n  }\n": types.SetPriceListEntryDocument,
    "\n  fragment QuoteFields on Quote {\n    id\n    number\n    version\n    status\n    validUntil\n    listTotal\n    total\n    maxDiscountPercent\n    note\n    submittedAt\n    acceptedAt\n    priceList {\n      id\n    }\n    createdBy {\n      id\n    }\n    lines {\n      position\n      quantity\n      listPrice\n      discountPercent\n      unitPrice\n      lineTotal\n      product {\n        id\n        sku\n      }\n    }\n  }\n": types.QuoteFieldsFragmentDoc,
    "\n  mutation CreateQuote($input: CreateQuoteInput!) {\n    createQuote(input: $input) {\n      ...QuoteFields\n    }\n  }\n": types.CreateQuoteDocument,
    "\n  mutation SubmitQuote($id: ID!, $version: Int!, $note: String) {\n    submitQuote(id: $id, version: $version, note: $note) {\n      id\n      version\n      status\n      submittedAt\n      approvals {\n        id\n        version\n        status\n        discountPercent\n        requestNote\n        approver {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SubmitQuoteDocument,
    "\n  mutation AcceptQuote($id: ID!, $version: Int!) {\n    acceptQuote(id: $id, version: $version) {\n      id\n      version\n      status\n      acceptedAt\n      total\n      opportunity {\n        id\n        stage\n        amount\n        probability\n        closedAt\n      }\n    }\n  }\n": types.AcceptQuoteDocument,
    "\n  query Quote($id: ID!) {\n    quote(id: $id) {\n      ...QuoteFields\n      opportunity {\n        id\n        stage\n      }\n      approvals {\n        id\n        status\n      }\n    }\n  }\n": types.QuoteDocument,
    "\n  query QuoteCosts($id: ID!) {\n    quote(id: $id) {\n      id\n      lines {\n        unitPrice\n        unitCost\n        margin\n      }\n    }\n  }\n": types.QuoteCostsDocument,
    "\n  query QuotesOfOpportunity($opportunityId: ID!) {\n    quotes(opportunityId: $opportunityId) {\n      id\n      status\n      approvals {\n        id\n        status\n      }\n    }\n  }\n": types.QuotesOfOpportunityDocument,
    "\n  query OpportunityQuotes($quoteId: ID!) {\n    quote(id: $quoteId) {\n      id\n      opportunity {\n        id\n        stage\n        quotes {\n          id\n          status\n        }\n        currentQuote {\n          id\n          status\n        }\n        quoteLines {\n          position\n          quantity\n          product {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.OpportunityQuotesDocument,
    "\n  query Approvals($first: Int!, $after: String, $filter: ApprovalFilter) {\n    approvals(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        version\n        status\n        discountPercent\n        requestNote\n        comment\n        decidedAt\n        requestedBy {\n          id\n        }\n        approver {\n          id\n          name\n        }\n        decidedBy {\n          id\n        }\n        quote {\n          id\n          status\n        }\n      }\n    }\n  }\n": types.ApprovalsDocument,
    "\n  query Approval($id: ID!) {\n    approval(id: $id) {\n      id\n      version\n      status\n      approver {\n        id\n      }\n      quote {\n        id\n      }\n    }\n  }\n": types.ApprovalDocument,
    "\n  query ApprovalQueueWithLines($first: Int!) {\n    approvals(first: $first, filter: { statuses: [PENDING], addressedToMe: true }) {\n      nodes {\n        id\n        quote {\n          id\n          opportunity {\n            id\n            quoteLines {\n              quantity\n              product {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ApprovalQueueWithLinesDocument,
    "\n  mutation Approve($id: ID!, $version: Int!, $comment: String) {\n    approve(id: $id, version: $version, comment: $comment) {\n      id\n      version\n      status\n      comment\n      decidedAt\n      decidedBy {\n        id\n      }\n      quote {\n        id\n        status\n      }\n    }\n  }\n": types.ApproveDocument,
    "\n  mutation Reject($id: ID!, $version: Int!, $comment: String!) {\n    reject(id: $id, version: $version, comment: $comment) {\n      id\n      version\n      status\n      comment\n      quote {\n        id\n        status\n      }\n    }\n  }\n": types.RejectDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      tokenType\n      expiresAt\n      user {\n        id\n        name\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      tokenType\n      expiresAt\n      user {\n        id\n        name\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      englishName\n      role\n      status\n      unit {\n        id\n        name\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      englishName\n      role\n      status\n      unit {\n        id\n        name\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserPersonalFields($id: ID!) {\n    user(id: $id) {\n      id\n      name\n      role\n      email\n      phone\n      hireDate\n    }\n  }\n"): (typeof documents)["\n  query UserPersonalFields($id: ID!) {\n    user(id: $id) {\n      id\n      name\n      role\n      email\n      phone\n      hireDate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($filter: UserFilter, $first: Int!, $after: String, $orderBy: UserOrder! = NAME_ASC) {\n    users(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          role\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($filter: UserFilter, $first: Int!, $after: String, $orderBy: UserOrder! = NAME_ASC) {\n    users(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          role\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersWithManagers($first: Int!) {\n    users(first: $first) {\n      nodes {\n        id\n        name\n        manager {\n          id\n          name\n        }\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersWithManagers($first: Int!) {\n    users(first: $first) {\n      nodes {\n        id\n        name\n        manager {\n          id\n          name\n        }\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgTree {\n    orgUnits {\n      id\n      name\n      kind\n      depth\n      parent {\n        id\n      }\n      head {\n        id\n        name\n      }\n      children {\n        id\n        name\n      }\n      members {\n        id\n        name\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgTree {\n    orgUnits {\n      id\n      name\n      kind\n      depth\n      parent {\n        id\n      }\n      head {\n        id\n        name\n      }\n      children {\n        id\n        name\n      }\n      members {\n        id\n        name\n        unit {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgUnit($id: ID!) {\n    orgUnit(id: $id) {\n      id\n      name\n      kind\n      head {\n        name\n      }\n      children {\n        id\n        name\n      }\n      members {\n        id\n        name\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgUnit($id: ID!) {\n    orgUnit(id: $id) {\n      id\n      name\n      kind\n      head {\n        name\n      }\n      children {\n        id\n        name\n      }\n      members {\n        id\n        name\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerView {\n    me {\n      id\n      name\n      role\n      distributor {\n        code\n        name\n      }\n    }\n    orgUnits {\n      id\n      name\n      kind\n    }\n    users(first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  query PartnerView {\n    me {\n      id\n      name\n      role\n      distributor {\n        code\n        name\n      }\n    }\n    orgUnits {\n      id\n      name\n      kind\n    }\n    users(first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        active\n        expiresAt\n        user {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      key\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        active\n        expiresAt\n        user {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($userId: ID) {\n    apiKeys(userId: $userId) {\n      id\n      name\n      prefix\n      scopes\n      active\n      revokedAt\n      lastUsedAt\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($userId: ID) {\n    apiKeys(userId: $userId) {\n      id\n      name\n      prefix\n      scopes\n      active\n      revokedAt\n      lastUsedAt\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductLines {\n    productLines {\n      id\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query ProductLines {\n    productLines {\n      id\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Products($filter: ProductFilter, $first: Int!, $after: String, $orderBy: ProductOrder! = NAME_ASC) {\n    products(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        sku\n        name\n        unit\n        status\n        productLine {\n          code\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Products($filter: ProductFilter, $first: Int!, $after: String, $orderBy: ProductOrder! = NAME_ASC) {\n    products(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        sku\n        name\n        unit\n        status\n        productLine {\n          code\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductCost($id: ID!) {\n    product(id: $id) {\n      id\n      sku\n      unitCost\n    }\n  }\n"): (typeof documents)["\n  query ProductCost($id: ID!) {\n    product(id: $id) {\n      id\n      sku\n      unitCost\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PriceLists($filter: PriceListFilter) {\n    priceLists(filter: $filter) {\n      id\n      name\n      channel\n      currency\n      validFrom\n      validTo\n      active\n      region {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query PriceLists($filter: PriceListFilter) {\n    priceLists(filter: $filter) {\n      id\n      name\n      channel\n      currency\n      validFrom\n      validTo\n      active\n      region {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PriceListEntries($id: ID!, $first: Int!, $after: String) {\n    priceList(id: $id) {\n      id\n      name\n      entries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          listPrice\n          floorPrice\n          quantityBreaks {\n            minQuantity\n            unitPrice\n          }\n          product {\n            sku\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PriceListEntries($id: ID!, $first: Int!, $after: String) {\n    priceList(id: $id) {\n      id\n      name\n      entries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          listPrice\n          floorPrice\n          quantityBreaks {\n            minQuantity\n            unitPrice\n          }\n          product {\n            sku\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalLimits {\n    approvalLimits {\n      role\n      maxDiscountPercent\n      maxContractAmount\n      maxExpenseAmount\n      currency\n    }\n  }\n"): (typeof documents)["\n  query ApprovalLimits {\n    approvalLimits {\n      role\n      maxDiscountPercent\n      maxContractAmount\n      maxExpenseAmount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommissionPlans {\n    commissionPlans {\n      name\n      validFrom\n      validTo\n      tiers {\n        achievementFrom\n        achievementTo\n        ratePercent\n      }\n    }\n  }\n"): (typeof documents)["\n  query CommissionPlans {\n    commissionPlans {\n      name\n      validFrom\n      validTo\n      tiers {\n        achievementFrom\n        achievementTo\n        ratePercent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DistributorCredit($id: ID!) {\n    user(id: $id) {\n      distributor {\n        code\n        contractStart\n        contractEnd\n        creditLimit\n      }\n    }\n  }\n"): (typeof documents)["\n  query DistributorCredit($id: ID!) {\n    user(id: $id) {\n      distributor {\n        code\n        contractStart\n        contractEnd\n        creditLimit\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      sku\n      name\n      unitCost\n      version\n      productLine {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      sku\n      name\n      unitCost\n      version\n      productLine {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $version: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, version: $version, input: $input) {\n      id\n      name\n      status\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $version: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, version: $version, input: $input) {\n      id\n      name\n      status\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePriceList($input: CreatePriceListInput!) {\n    createPriceList(input: $input) {\n      id\n      name\n      channel\n      validFrom\n      validTo\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePriceList($input: CreatePriceListInput!) {\n    createPriceList(input: $input) {\n      id\n      name\n      channel\n      validFrom\n      validTo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPriceListEntry($input: SetPriceListEntryInput!) {\n    setPriceListEntry(input: $input) {\n      id\n      listPrice\n      floorPrice\n      quantityBreaks {\n        minQuantity\n        unitPrice\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetPriceListEntry($input: SetPriceListEntryInput!) {\n    setPriceListEntry(input: $input) {\n      id\n      listPrice\n      floorPrice\n      quantityBreaks {\n        minQuantity\n        unitPrice\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QuoteFields on Quote {\n    id\n    number\n    version\n    status\n    validUntil\n    listTotal\n    total\n    maxDiscountPercent\n    note\n    submittedAt\n    acceptedAt\n    priceList {\n      id\n    }\n    createdBy {\n      id\n    }\n    lines {\n      position\n      quantity\n      listPrice\n      discountPercent\n      unitPrice\n      lineTotal\n      product {\n        id\n        sku\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment QuoteFields on Quote {\n    id\n    number\n    version\n    status\n    validUntil\n    listTotal\n    total\n    maxDiscountPercent\n    note\n    submittedAt\n    acceptedAt\n    priceList {\n      id\n    }\n    createdBy {\n      id\n    }\n    lines {\n      position\n      quantity\n      listPrice\n      discountPercent\n      unitPrice\n      lineTotal\n      product {\n        id\n        sku\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateQuote($input: CreateQuoteInput!) {\n    createQuote(input: $input) {\n      ...QuoteFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateQuote($input: CreateQuoteInput!) {\n    createQuote(input: $input) {\n      ...QuoteFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitQuote($id: ID!, $version: Int!, $note: String) {\n    submitQuote(id: $id, version: $version, note: $note) {\n      id\n      version\n      status\n      submittedAt\n      approvals {\n        id\n        version\n        status\n        discountPercent\n        requestNote\n        approver {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitQuote($id: ID!, $version: Int!, $note: String) {\n    submitQuote(id: $id, version: $version, note: $note) {\n      id\n      version\n      status\n      submittedAt\n      approvals {\n        id\n        version\n        status\n        discountPercent\n        requestNote\n        approver {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptQuote($id: ID!, $version: Int!) {\n    acceptQuote(id: $id, version: $version) {\n      id\n      version\n      status\n      acceptedAt\n      total\n      opportunity {\n        id\n        stage\n        amount\n        probability\n        closedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptQuote($id: ID!, $version: Int!) {\n    acceptQuote(id: $id, version: $version) {\n      id\n      version\n      status\n      acceptedAt\n      total\n      opportunity {\n        id\n        stage\n        amount\n        probability\n        closedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Quote($id: ID!) {\n    quote(id: $id) {\n      ...QuoteFields\n      opportunity {\n        id\n        stage\n      }\n      approvals {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query Quote($id: ID!) {\n    quote(id: $id) {\n      ...QuoteFields\n      opportunity {\n        id\n        stage\n      }\n      approvals {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuoteCosts($id: ID!) {\n    quote(id: $id) {\n      id\n      lines {\n        unitPrice\n        unitCost\n        margin\n      }\n    }\n  }\n"): (typeof documents)["\n  query QuoteCosts($id: ID!) {\n    quote(id: $id) {\n      id\n      lines {\n        unitPrice\n        unitCost\n        margin\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuotesOfOpportunity($opportunityId: ID!) {\n    quotes(opportunityId: $opportunityId) {\n      id\n      status\n      approvals {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query QuotesOfOpportunity($opportunityId: ID!) {\n    quotes(opportunityId: $opportunityId) {\n      id\n      status\n      approvals {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpportunityQuotes($quoteId: ID!) {\n    quote(id: $quoteId) {\n      id\n      opportunity {\n        id\n        stage\n        quotes {\n          id\n          status\n        }\n        currentQuote {\n          id\n          status\n        }\n        quoteLines {\n          position\n          quantity\n          product {\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpportunityQuotes($quoteId: ID!) {\n    quote(id: $quoteId) {\n      id\n      opportunity {\n        id\n        stage\n        quotes {\n          id\n          status\n        }\n        currentQuote {\n          id\n          status\n        }\n        quoteLines {\n          position\n          quantity\n          product {\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Approvals($first: Int!, $after: String, $filter: ApprovalFilter) {\n    approvals(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        version\n        status\n        discountPercent\n        requestNote\n        comment\n        decidedAt\n        requestedBy {\n          id\n        }\n        approver {\n          id\n          name\n        }\n        decidedBy {\n          id\n        }\n        quote {\n          id\n          status\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Approvals($first: Int!, $after: String, $filter: ApprovalFilter) {\n    approvals(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        version\n        status\n        discountPercent\n        requestNote\n        comment\n        decidedAt\n        requestedBy {\n          id\n        }\n        approver {\n          id\n          name\n        }\n        decidedBy {\n          id\n        }\n        quote {\n          id\n          status\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Approval($id: ID!) {\n    approval(id: $id) {\n      id\n      version\n      status\n      approver {\n        id\n      }\n      quote {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query Approval($id: ID!) {\n    approval(id: $id) {\n      id\n      version\n      status\n      approver {\n        id\n      }\n      quote {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalQueueWithLines($first: Int!) {\n    approvals(first: $first, filter: { statuses: [PENDING], addressedToMe: true }) {\n      nodes {\n        id\n        quote {\n          id\n          opportunity {\n            id\n            quoteLines {\n              quantity\n              product {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApprovalQueueWithLines($first: Int!) {\n    approvals(first: $first, filter: { statuses: [PENDING], addressedToMe: true }) {\n      nodes {\n        id\n        quote {\n          id\n          opportunity {\n            id\n            quoteLines {\n              quantity\n              product {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Approve($id: ID!, $version: Int!, $comment: String) {\n    approve(id: $id, version: $version, comment: $comment) {\n      id\n      version\n      status\n      comment\n      decidedAt\n      decidedBy {\n        id\n      }\n      quote {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Approve($id: ID!, $version: Int!, $comment: String) {\n    approve(id: $id, version: $version, comment: $comment) {\n      id\n      version\n      status\n      comment\n      decidedAt\n      decidedBy {\n        id\n      }\n      quote {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reject($id: ID!, $version: Int!, $comment: String!) {\n    reject(id: $id, version: $version, comment: $comment) {\n      id\n      version\n      status\n      comment\n      quote {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Reject($id: ID!, $version: Int!, $comment: String!) {\n    reject(id: $id, version: $version, comment: $comment) {\n      id\n      version\n      status\n      comment\n      quote {\n        id\n        status\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;