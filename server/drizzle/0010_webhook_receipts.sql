ALTER TABLE "webhook_receipts" ADD COLUMN "event_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "run_id" text;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "outcome" text DEFAULT 'delivered' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "reason" text;--> statement-breakpoint
CREATE INDEX "webhook_receipts_held_idx" ON "webhook_receipts" USING btree ("run_id","event_type") WHERE "webhook_receipts"."outcome" = 'held';