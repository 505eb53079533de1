CREATE TABLE "onboarding_agreement_acceptances" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"step_id" text NOT NULL,
	"document_hash" text NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"document_title" text NOT NULL,
	"user_id" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "onboarding_agreement_acceptances_org_id_partner_id_step_id_document_hash_pk" PRIMARY KEY("org_id","partner_id","step_id","document_hash")
);
--> statement-breakpoint
CREATE TABLE "onboarding_confirmations" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"step_id" text NOT NULL,
	"confirmed_by" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "onboarding_confirmations_org_id_partner_id_step_id_pk" PRIMARY KEY("org_id","partner_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "onboarding_enrolments" (
	"org_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"version" integer NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone,
	CONSTRAINT "onboarding_enrolments_org_id_workflow_id_partner_id_pk" PRIMARY KEY("org_id","workflow_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "onboarding_facts" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"kind" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "onboarding_facts_org_id_partner_id_kind_pk" PRIMARY KEY("org_id","partner_id","kind")
);
--> statement-breakpoint
CREATE TABLE "onboarding_reminders" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"step_id" text NOT NULL,
	"due_on" date NOT NULL,
	"mails" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "onboarding_reminders_org_id_partner_id_workflow_id_step_id_due_on_pk" PRIMARY KEY("org_id","partner_id","workflow_id","step_id","due_on")
);
--> statement-breakpoint
CREATE TABLE "onboarding_step_completions" (
	"org_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"step_id" text NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"completed_by" text,
	CONSTRAINT "onboarding_step_completions_org_id_workflow_id_partner_id_step_id_pk" PRIMARY KEY("org_id","workflow_id","partner_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "onboarding_workflow_versions" (
	"org_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"version" integer NOT NULL,
	"audience" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "onboarding_workflow_versions_org_id_workflow_id_version_pk" PRIMARY KEY("org_id","workflow_id","version")
);
--> statement-breakpoint
CREATE TABLE "onboarding_workflows" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"audience" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "onboarding_workflows_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "onboarding_enrolments_partner_idx" ON "onboarding_enrolments" USING btree ("org_id","partner_id");--> statement-breakpoint
CREATE INDEX "onboarding_workflows_status_idx" ON "onboarding_workflows" USING btree ("org_id","status");--> statement-breakpoint
-- registrations submitted before onboarding existed count as each partner's first
INSERT INTO "onboarding_facts" ("org_id", "partner_id", "kind", "first_at")
SELECT "org_id", "partner_id", 'deal_registration', min("submitted_at") FROM "deal_registrations" GROUP BY "org_id", "partner_id";
