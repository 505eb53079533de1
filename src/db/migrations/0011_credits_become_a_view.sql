DROP TABLE "credits";--> statement-breakpoint
CREATE VIEW "credits" AS
  SELECT r."org_id", r."id" AS "run_id", c."actor", c."actor_kind", c."share", c."amount_minor", c."position"
  FROM "attribution_runs" r
  CROSS JOIN LATERAL unnest(r."actors", r."actor_kinds", r."shares", r."amounts")
    WITH ORDINALITY AS c("actor", "actor_kind", "share", "amount_minor", "position");
--> statement-breakpoint
-- never filtered on: no planner statistics to gather (ANALYZE of the runs' arrays cost seconds)
ALTER TABLE "attribution_runs" ALTER COLUMN "actors" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "actor_kinds" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "shares" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "amounts" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "notes" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "explanations" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "attribution_inputs" ALTER COLUMN "facts" SET STATISTICS 0;
