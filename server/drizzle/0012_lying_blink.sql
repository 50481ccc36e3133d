-- retry_budgets was never written: replaced by one row per spent retry (see core.ts).
DROP TABLE "retry_budgets";--> statement-breakpoint
CREATE TABLE "retry_budgets" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"budget" text NOT NULL,
	"subject" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "retry_budgets_run_id_seq_budget_subject_pk" PRIMARY KEY("run_id","seq","budget","subject")
);
--> statement-breakpoint
ALTER TABLE "retry_budgets" ADD CONSTRAINT "retry_budgets_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retry_budgets_subject_at_idx" ON "retry_budgets" USING btree ("subject","at");
