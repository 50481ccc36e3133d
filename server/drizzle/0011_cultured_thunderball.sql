CREATE TABLE "subflow_calls" (
	"command_id" text PRIMARY KEY NOT NULL,
	"parent_run_id" text NOT NULL,
	"child_run_id" text NOT NULL,
	"flow_id" text NOT NULL,
	"flow_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "subflow_calls" ADD CONSTRAINT "subflow_calls_parent_run_id_runs_id_fk" FOREIGN KEY ("parent_run_id") REFERENCES "public"."runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subflow_calls_child_idx" ON "subflow_calls" USING btree ("child_run_id");--> statement-breakpoint
CREATE INDEX "subflow_calls_parent_idx" ON "subflow_calls" USING btree ("parent_run_id");