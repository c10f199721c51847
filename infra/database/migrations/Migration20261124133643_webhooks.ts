import { Migration } from '@mikro-orm/migrations';

export class Migration20261124133643_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "webhook" ("id" varchar(36) collate "C" not null, "url" text collate "C" not null, "event_types" text collate "C" not null, "owner_id" varchar(200) collate "C" not null, "owner_role" varchar(32) collate "C" not null, "active" boolean not null, "created_at" varchar(32) collate "C" not null, "created_position" bigint not null, "deactivated_position" bigint null, constraint "webhook_pkey" primary key ("id"));`);

    this.addSql(`create table "webhook_delivery" ("id" varchar(36) collate "C" not null, "webhook_id" varchar(36) collate "C" not null, "event_id" varchar(64) collate "C" not null, "event_type" varchar(64) collate "C" not null, "claim_id" varchar(36) collate "C" not null, "event_position" bigint not null, "body" text collate "C" not null, "status" varchar(16) collate "C" not null, "attempts" int not null, "last_status_code" int null, "last_error" text collate "C" null, "next_attempt_at" varchar(32) collate "C" null, "first_attempt_at" varchar(32) collate "C" null, "delivered_at" varchar(32) collate "C" null, "created_at" varchar(32) collate "C" not null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_due" on "webhook_delivery" ("webhook_id", "status", "next_attempt_at");`);
    this.addSql(`create index "webhook_delivery_claim" on "webhook_delivery" ("webhook_id", "claim_id", "status", "event_position");`);
    this.addSql(`create index "webhook_delivery_list" on "webhook_delivery" ("webhook_id", "event_position");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
  }

}
