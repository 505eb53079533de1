ALTER TABLE "import_staged_accounts" DROP CONSTRAINT "import_staged_accounts_org_id_import_id_line_pk";--> statement-breakpoint
ALTER TABLE "import_staged_deals" DROP CONSTRAINT "import_staged_deals_org_id_import_id_line_pk";--> statement-breakpoint
ALTER TABLE "import_staged_touches" DROP CONSTRAINT "import_staged_touches_org_id_import_id_line_pk";