DROP INDEX "accounts_org_name_idx";--> statement-breakpoint
DROP INDEX "partners_org_name_idx";--> statement-breakpoint
CREATE INDEX "accounts_org_created_idx" ON "accounts" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deals_org_name_idx" ON "deals" USING btree ("org_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "deals_org_amount_idx" ON "deals" USING btree ("org_id","amount_minor","id");--> statement-breakpoint
CREATE INDEX "partners_org_created_idx" ON "partners" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "accounts_org_name_idx" ON "accounts" USING btree ("org_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "partners_org_name_idx" ON "partners" USING btree ("org_id",lower("name"),"id");