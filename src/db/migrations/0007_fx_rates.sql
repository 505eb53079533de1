CREATE TABLE "fx_rates" (
	"org_id" text NOT NULL,
	"currency" text NOT NULL,
	"day" text NOT NULL,
	"per_eur" text NOT NULL,
	CONSTRAINT "fx_rates_org_id_currency_day_pk" PRIMARY KEY("org_id","currency","day")
);
