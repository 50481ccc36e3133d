-- Timers keep only pending rows: fired and cancelled ones are deleted when that happens (run_events records it).
DELETE FROM "timers" WHERE "fired_at" IS NOT NULL OR "cancelled_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX "timers_due_idx";--> statement-breakpoint
CREATE INDEX "timers_due_idx" ON "timers" USING btree ("due_at");--> statement-breakpoint
ALTER TABLE "timers" DROP COLUMN "fired_at";--> statement-breakpoint
ALTER TABLE "timers" DROP COLUMN "cancelled_at";
