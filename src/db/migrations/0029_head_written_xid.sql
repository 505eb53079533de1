-- heads already there were written before any pass that could ask: 0, without rewriting the table
ALTER TABLE "current_runs" ADD COLUMN "written_xid" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "current_runs" ALTER COLUMN "written_xid" SET DEFAULT (pg_current_xact_id()::text::bigint);--> statement-breakpoint
CREATE INDEX "current_runs_written_idx" ON "current_runs" USING btree ("org_id","model_id","written_xid");
