CREATE TABLE "publish_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"flow_id" text NOT NULL,
	"version" integer NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_comment" text
);
--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "published_version" integer;--> statement-breakpoint
ALTER TABLE "publish_requests" ADD CONSTRAINT "publish_requests_flow_id_version_flow_versions_flow_id_version_fk" FOREIGN KEY ("flow_id","version") REFERENCES "public"."flow_versions"("flow_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publish_requests_one_pending_idx" ON "publish_requests" USING btree ("flow_id","version") WHERE "publish_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "publish_requests_status_idx" ON "publish_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "publish_requests_flow_idx" ON "publish_requests" USING btree ("flow_id","requested_at");