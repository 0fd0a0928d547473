import { Migration } from '@mikro-orm/migrations';

/**
 * Distributor regions move to the pivot shape Prisma uses for an implicit many-to-many (`_distributor_regions`,
 * columns A = distributor, B = region), so the admin UI edits the same rows the API reads. Renamed, not recreated:
 * existing assignments are kept.
 */
export class Migration20261123214052_distributor_regions_pivot extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "distributor_region" rename to "_distributor_regions";`);
    this.addSql(`alter table "_distributor_regions" rename column "distributor_id" to "A";`);
    this.addSql(`alter table "_distributor_regions" rename column "region_id" to "B";`);
    this.addSql(`alter table "_distributor_regions" rename constraint "distributor_region_pkey" to "_distributor_regions_pkey";`);
    this.addSql(`alter table "_distributor_regions" rename constraint "distributor_region_distributor_id_foreign" to "_distributor_regions_A_foreign";`);
    this.addSql(`alter table "_distributor_regions" rename constraint "distributor_region_region_id_foreign" to "_distributor_regions_B_foreign";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "_distributor_regions" rename constraint "_distributor_regions_B_foreign" to "distributor_region_region_id_foreign";`);
    this.addSql(`alter table "_distributor_regions" rename constraint "_distributor_regions_A_foreign" to "distributor_region_distributor_id_foreign";`);
    this.addSql(`alter table "_distributor_regions" rename constraint "_distributor_regions_pkey" to "distributor_region_pkey";`);
    this.addSql(`alter table "_distributor_regions" rename column "B" to "region_id";`);
    this.addSql(`alter table "_distributor_regions" rename column "A" to "distributor_id";`);
    this.addSql(`alter table "_distributor_regions" rename to "distributor_region";`);
  }
}
