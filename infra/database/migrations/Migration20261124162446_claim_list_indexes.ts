import { Migration } from '@mikro-orm/migrations';

export class Migration20261124162446_claim_list_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "claim_summary_assignee";`);
    this.addSql(`drop index "claim_summary_claimant";`);
    this.addSql(`drop index "claim_summary_escalation";`);
    this.addSql(`drop index "claim_summary_late";`);
    this.addSql(`drop index "claim_summary_overdue";`);
    this.addSql(`drop index "claim_summary_platform";`);
    this.addSql(`drop index "claim_summary_resolution_due";`);
    this.addSql(`drop index "claim_summary_response_due";`);
    this.addSql(`drop index "claim_summary_status";`);

    this.addSql(`create index "claim_summary_platform_late" on "claim_summary" ("platform_id", "filed_late", "filed_at", "id");`);
    this.addSql(`create index "claim_summary_assignee" on "claim_summary" ("assigned_to", "status", "filed_at", "id");`);
    this.addSql(`create index "claim_summary_claimant" on "claim_summary" ("claimant_id", "filed_at", "id");`);
    this.addSql(`create index "claim_summary_escalation" on "claim_summary" ("escalation_level", "filed_at", "id");`);
    this.addSql(`create index "claim_summary_late" on "claim_summary" ("filed_late", "filed_at", "id");`);
    this.addSql(`create index "claim_summary_overdue" on "claim_summary" ("overdue", "filed_at", "id");`);
    this.addSql(`create index "claim_summary_platform" on "claim_summary" ("platform_id", "status", "filed_at", "id");`);
    this.addSql(`create index "claim_summary_resolution_due" on "claim_summary" ("resolution_overdue", "resolution_due_at");`);
    this.addSql(`create index "claim_summary_response_due" on "claim_summary" ("response_overdue", "response_due_at");`);
    this.addSql(`create index "claim_summary_status" on "claim_summary" ("status", "filed_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "claim_summary_platform_late";`);
    this.addSql(`drop index "claim_summary_status";`);
    this.addSql(`drop index "claim_summary_escalation";`);
    this.addSql(`drop index "claim_summary_platform";`);
    this.addSql(`drop index "claim_summary_claimant";`);
    this.addSql(`drop index "claim_summary_assignee";`);
    this.addSql(`drop index "claim_summary_late";`);
    this.addSql(`drop index "claim_summary_overdue";`);
    this.addSql(`drop index "claim_summary_response_due";`);
    this.addSql(`drop index "claim_summary_resolution_due";`);

    this.addSql(`create index "claim_summary_status" on "claim_summary" ("status", "filed_at");`);
    this.addSql(`create index "claim_summary_escalation" on "claim_summary" ("escalation_level", "filed_at");`);
    this.addSql(`create index "claim_summary_platform" on "claim_summary" ("platform_id", "filed_at");`);
    this.addSql(`create index "claim_summary_claimant" on "claim_summary" ("claimant_id", "filed_at");`);
    this.addSql(`create index "claim_summary_assignee" on "claim_summary" ("assigned_to", "filed_at");`);
    this.addSql(`create index "claim_summary_late" on "claim_summary" ("filed_late", "filed_at");`);
    this.addSql(`create index "claim_summary_overdue" on "claim_summary" ("overdue", "filed_at");`);
    this.addSql(`create index "claim_summary_response_due" on "claim_summary" ("response_due_at");`);
    this.addSql(`create index "claim_summary_resolution_due" on "claim_summary" ("resolution_due_at");`);
  }

}
