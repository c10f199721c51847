import { Migration } from '@mikro-orm/migrations';

export class Migration20261124134538_policies_outages_collective extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "collective_case" ("id" varchar(100) collate "C" not null, "platform_id" varchar(200) collate "C" not null, "outage_id" varchar(100) collate "C" null, "title" text collate "C" not null, "opened_by_id" varchar(200) collate "C" not null, "opened_by_role" varchar(32) collate "C" not null, "escalation_level" varchar(32) collate "C" not null, "status" varchar(32) collate "C" not null, "remedy" text collate "C" null, "member_count" int not null, "opened_at" varchar(32) collate "C" not null, "revision" int not null, "last_position" bigint not null, constraint "collective_case_pkey" primary key ("id"));`);
    this.addSql(`create index "collective_case_platform" on "collective_case" ("platform_id", "opened_at");`);

    this.addSql(`create table "collective_member" ("id" varchar(240) collate "C" not null, "case_id" varchar(100) collate "C" not null, "claim_id" varchar(36) collate "C" not null, "joined_at" varchar(32) collate "C" not null, "position" bigint not null, constraint "collective_member_pkey" primary key ("id"));`);
    this.addSql(`create index "collective_member_case" on "collective_member" ("case_id", "position");`);
    this.addSql(`create index "collective_member_claim" on "collective_member" ("claim_id");`);

    this.addSql(`create table "outage" ("id" varchar(100) collate "C" not null, "platform_id" varchar(200) collate "C" not null, "product" varchar(200) collate "C" null, "description" text collate "C" not null, "started_at" varchar(32) collate "C" not null, "ended_at" varchar(32) collate "C" null, "duration_minutes" int null, "make_up_extension_hours" int null, "make_up_policy_platform_id" varchar(200) collate "C" null, "make_up_policy_version" int null, "make_up_event_id" varchar(36) collate "C" null, "reported_at" varchar(32) collate "C" not null, "revision" int not null, "last_position" bigint not null, constraint "outage_pkey" primary key ("id"));`);
    this.addSql(`create index "outage_platform" on "outage" ("platform_id", "started_at");`);
    this.addSql(`create index "outage_make_up" on "outage" ("make_up_extension_hours");`);

    // claim-summary's projection version went from 1 to 2, so the runner rebuilds its rows from the
    // event store anyway; emptying the table first lets the new NOT NULL columns be added to it.
    this.addSql(`delete from "claim_summary";`);
    this.addSql(`alter table "claim_summary" add column "policy_platform_id" varchar(200) collate "C" null, add column "policy_version" int null, add column "deadline_round" int not null, add column "deadline_clock" text collate "C" null, add column "response_due_at" varchar(32) collate "C" null, add column "resolution_due_at" varchar(32) collate "C" null, add column "response_overdue" boolean not null, add column "resolution_overdue" boolean not null, add column "overdue" boolean not null, add column "deadlines_paused" boolean not null, add column "compensated_by_outage_id" varchar(100) collate "C" null;`);
    this.addSql(`create index "claim_summary_overdue" on "claim_summary" ("overdue", "filed_at");`);
    this.addSql(`create index "claim_summary_response_due" on "claim_summary" ("response_due_at");`);
    this.addSql(`create index "claim_summary_resolution_due" on "claim_summary" ("resolution_due_at");`);
    this.addSql(`create index "claim_summary_outage" on "claim_summary" ("compensated_by_outage_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "collective_case" cascade;`);

    this.addSql(`drop table if exists "collective_member" cascade;`);

    this.addSql(`drop table if exists "outage" cascade;`);

    this.addSql(`drop index "claim_summary_overdue";`);
    this.addSql(`drop index "claim_summary_response_due";`);
    this.addSql(`drop index "claim_summary_resolution_due";`);
    this.addSql(`drop index "claim_summary_outage";`);
    this.addSql(`alter table "claim_summary" drop column "policy_platform_id", drop column "policy_version", drop column "deadline_round", drop column "deadline_clock", drop column "response_due_at", drop column "resolution_due_at", drop column "response_overdue", drop column "resolution_overdue", drop column "overdue", drop column "deadlines_paused", drop column "compensated_by_outage_id";`);
  }

}
