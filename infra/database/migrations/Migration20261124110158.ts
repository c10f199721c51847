import { Migration } from '@mikro-orm/migrations';

export class Migration20261124110158 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "claim_evidence" ("id" varchar(64) collate "C" not null, "claim_id" varchar(36) collate "C" not null, "kind" varchar(32) collate "C" not null, "description" text collate "C" not null, "sha256" varchar(64) collate "C" not null, "uri" text collate "C" null, "captured_at" varchar(32) collate "C" null, "added_at" varchar(32) collate "C" not null, "revision" int not null, "position" bigint not null, constraint "claim_evidence_pkey" primary key ("id"));`);
    this.addSql(`create index "claim_evidence_claim" on "claim_evidence" ("claim_id", "position");`);

    this.addSql(`create table "claim_summary" ("id" varchar(36) collate "C" not null, "status" varchar(32) collate "C" not null, "escalation_level" varchar(32) collate "C" not null, "revision" int not null, "claimant_id" varchar(200) collate "C" not null, "platform_id" varchar(200) collate "C" not null, "order_reference" varchar(200) collate "C" not null, "product" text collate "C" not null, "amount_paid_amount" int not null, "amount_paid_currency" varchar(3) collate "C" not null, "remedy_requested_kind" varchar(32) collate "C" not null, "remedy_requested_amount" int null, "remedy_requested_currency" varchar(3) collate "C" null, "remedy_requested_extension_hours" int null, "remedy_granted_kind" varchar(32) collate "C" null, "remedy_granted_amount" int null, "remedy_granted_currency" varchar(3) collate "C" null, "remedy_granted_extension_hours" int null, "remedy_delivered" boolean not null, "incident_at" varchar(32) collate "C" not null, "filed_at" varchar(32) collate "C" not null, "filing_deadline" varchar(32) collate "C" not null, "filed_late" boolean not null, "description" text collate "C" not null, "assigned_to" varchar(200) collate "C" null, "rejection_reason" varchar(32) collate "C" null, "resubmission_count" int not null, "last_event_at" varchar(32) collate "C" not null, "last_position" bigint not null, constraint "claim_summary_pkey" primary key ("id"));`);
    this.addSql(`create index "claim_summary_order" on "claim_summary" ("filed_at", "id");`);
    this.addSql(`create index "claim_summary_status" on "claim_summary" ("status", "filed_at");`);
    this.addSql(`create index "claim_summary_escalation" on "claim_summary" ("escalation_level", "filed_at");`);
    this.addSql(`create index "claim_summary_platform" on "claim_summary" ("platform_id", "filed_at");`);
    this.addSql(`create index "claim_summary_claimant" on "claim_summary" ("claimant_id", "filed_at");`);
    this.addSql(`create index "claim_summary_assignee" on "claim_summary" ("assigned_to", "filed_at");`);
    this.addSql(`create index "claim_summary_late" on "claim_summary" ("filed_late", "filed_at");`);

    this.addSql(`create table "projection_checkpoint" ("name" varchar(100) collate "C" not null, "version" int not null, "position" bigint not null, constraint "projection_checkpoint_pkey" primary key ("name"));`);

    this.addSql(`create table "projector_lease" ("name" varchar(100) collate "C" not null, "holder" varchar(200) collate "C" not null, "expires_at" bigint not null, constraint "projector_lease_pkey" primary key ("name"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "claim_evidence" cascade;`);

    this.addSql(`drop table if exists "claim_summary" cascade;`);

    this.addSql(`drop table if exists "projection_checkpoint" cascade;`);

    this.addSql(`drop table if exists "projector_lease" cascade;`);
  }

}
