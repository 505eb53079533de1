CREATE TABLE "payout_accounts" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"rail" text NOT NULL,
	"payee_name" text NOT NULL,
	"stripe_account_id" text,
	"iban" text,
	"account_number" text,
	"routing_number" text,
	"bic" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payout_accounts_org_id_partner_id_pk" PRIMARY KEY("org_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "payout_batches" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"period_to" date NOT NULL,
	"rail" text NOT NULL,
	"status" text NOT NULL,
	"requires_second_approver" boolean NOT NULL,
	"minimums" jsonb NOT NULL,
	"held_back" jsonb NOT NULL,
	"request_key" text,
	"created_by" text NOT NULL,
	"approved_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "payout_batches_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "payout_items" (
	"org_id" text NOT NULL,
	"payout_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "payout_items_org_id_payout_id_entry_id_pk" PRIMARY KEY("org_id","payout_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"batch_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"provider_ref" text,
	"failure_reason" text,
	"paid_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payouts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payout_batches_request_idx" ON "payout_batches" USING btree ("org_id","request_key") WHERE "payout_batches"."request_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_items_entry_idx" ON "payout_items" USING btree ("org_id","entry_id") WHERE "payout_items"."released_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_idempotency_idx" ON "payouts" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payouts_batch_idx" ON "payouts" USING btree ("org_id","batch_id");--> statement-breakpoint
CREATE INDEX "payouts_partner_idx" ON "payouts" USING btree ("org_id","partner_id","paid_at");