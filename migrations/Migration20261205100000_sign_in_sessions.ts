import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in sessions with rotating refresh tokens, the sign-in throttling counters (rate-limiter-flexible's
 * PostgreSQL store, shared by every API process), and the idempotency records of keyed creates.
 */
export class Migration20261205100000_sign_in_sessions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "auth_session" ("id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null default now(), "refreshed_at" timestamptz not null default now(), "revoked_at" timestamptz null, "revoked_reason" text null, "client_address" text null, constraint "auth_session_pkey" primary key ("id"));`);
    this.addSql(`create index "auth_session_user_id_index" on "auth_session" ("user_id");`);
    this.addSql(`alter table "auth_session" add constraint "auth_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "refresh_token" ("id" uuid not null, "session_id" uuid not null, "token_hash" text not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "refresh_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_token_session_id_index" on "refresh_token" ("session_id");`);
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_session_id_foreign" foreign key ("session_id") references "auth_session" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "sign_in_throttle" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "sign_in_throttle_pkey" primary key ("key"));`);

    this.addSql(`create table "idempotency_record" ("user_id" uuid not null, "key" text not null, "operation" text not null, "request_hash" text not null, "result_id" uuid not null, "created_at" timestamptz not null default now(), constraint "idempotency_record_pkey" primary key ("user_id", "key"));`);
    this.addSql(`create index "idempotency_record_created_at_index" on "idempotency_record" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_record" cascade;`);
    this.addSql(`drop table if exists "sign_in_throttle" cascade;`);
    this.addSql(`drop table if exists "refresh_token" cascade;`);
    this.addSql(`drop table if exists "auth_session" cascade;`);
  }
}
