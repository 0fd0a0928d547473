import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123200407_org } from './Migration20261123200407_org';
import { Migration20261123205835_master_data } from './Migration20261123205835_master_data';
import { Migration20261123214052_distributor_regions_pivot } from './Migration20261123214052_distributor_regions_pivot';
import { Migration20261123220943_customers_pipeline } from './Migration20261123220943_customers_pipeline';
import { Migration20261123225934_list_sort_indexes } from './Migration20261123225934_list_sort_indexes';
import { Migration20261123231314_domain_events } from './Migration20261123231314_domain_events';
import { Migration20261123233742_webhooks } from './Migration20261123233742_webhooks';
import { Migration20261124000434_owner_amount_index } from './Migration20261124000434_owner_amount_index';
import { Migration20261203121846_orders_channels } from './Migration20261203121846_orders_channels';
import { Migration20261203122816_billing_indexes } from './Migration20261203122816_billing_indexes';
import { Migration20261203122929_contract_quote_open_unique } from './Migration20261203122929_contract_quote_open_unique';
import { Migration20261203123657_order_total_index } from './Migration20261203123657_order_total_index';
import { Migration20261203134326_open_invoices_by_owner } from './Migration20261203134326_open_invoices_by_owner';
import { Migration20261205100000_sign_in_sessions } from './Migration20261205100000_sign_in_sessions';
import { Migration20261205120000_event_stream_order } from './Migration20261205120000_event_stream_order';
import { Migration20261205140000_webhook_start_point } from './Migration20261205140000_webhook_start_point';
import { Migration20261206090000_webhook_management } from './Migration20261206090000_webhook_management';
import { Migration20261207090000_sales_targets } from './Migration20261207090000_sales_targets';
import { Migration20261207100000_target_decomposition } from './Migration20261207100000_target_decomposition';

/** Every migration in order. `npm run migration:create` writes a new file; list its class here. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123200407_org', class: Migration20261123200407_org },
  { name: 'Migration20261123205835_master_data', class: Migration20261123205835_master_data },
  { name: 'Migration20261123214052_distributor_regions_pivot', class: Migration20261123214052_distributor_regions_pivot },
  { name: 'Migration20261123220943_customers_pipeline', class: Migration20261123220943_customers_pipeline },
  { name: 'Migration20261123225934_list_sort_indexes', class: Migration20261123225934_list_sort_indexes },
  { name: 'Migration20261123231314_domain_events', class: Migration20261123231314_domain_events },
  { name: 'Migration20261123233742_webhooks', class: Migration20261123233742_webhooks },
  { name: 'Migration20261124000434_owner_amount_index', class: Migration20261124000434_owner_amount_index },
  { name: 'Migration20261203121846_orders_channels', class: Migration20261203121846_orders_channels },
  { name: 'Migration20261203122816_billing_indexes', class: Migration20261203122816_billing_indexes },
  { name: 'Migration20261203122929_contract_quote_open_unique', class: Migration20261203122929_contract_quote_open_unique },
  { name: 'Migration20261203123657_order_total_index', class: Migration20261203123657_order_total_index },
  { name: 'Migration20261203134326_open_invoices_by_owner', class: Migration20261203134326_open_invoices_by_owner },
  { name: 'Migration20261205100000_sign_in_sessions', class: Migration20261205100000_sign_in_sessions },
  { name: 'Migration20261205120000_event_stream_order', class: Migration20261205120000_event_stream_order },
  { name: 'Migration20261205140000_webhook_start_point', class: Migration20261205140000_webhook_start_point },
  { name: 'Migration20261206090000_webhook_management', class: Migration20261206090000_webhook_management },
  { name: 'Migration20261207090000_sales_targets', class: Migration20261207090000_sales_targets },
  { name: 'Migration20261207100000_target_decomposition', class: Migration20261207100000_target_decomposition },
];
