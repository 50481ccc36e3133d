-- run_events format 2 (see server/src/audit/event-body.ts): new events are one canonical JSON text,
-- `body`, the exact bytes their hash covers. Rows written before keep event/trace/commands/recorded_at
-- (format 1) and verify as they always did.
ALTER TABLE "run_events" ALTER COLUMN "event" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "run_events" ALTER COLUMN "trace" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "run_events" ALTER COLUMN "commands" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "run_events" ALTER COLUMN "recorded_at" DROP NOT NULL;--> statement-breakpoint
-- Hashes become raw bytes (32 instead of 64 characters). A value that is not a sha256 in hex (only a
-- tampered row has one) keeps its bytes, so it still fails verification instead of failing the migration.
ALTER TABLE "run_events" ALTER COLUMN "hash" SET DATA TYPE bytea USING (CASE WHEN "hash" ~ '^[0-9a-f]{64}$' THEN decode("hash", 'hex') ELSE convert_to("hash", 'UTF8') END);--> statement-breakpoint
ALTER TABLE "run_events" ADD COLUMN "body" text;--> statement-breakpoint
-- prev_hash is the previous row's hash (for seq 1 the flow version's graph hash); readers derive it.
ALTER TABLE "run_events" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_one_format" CHECK (("run_events"."body" is not null and "run_events"."event" is null and "run_events"."trace" is null and "run_events"."commands" is null and "run_events"."recorded_at" is null)
        or ("run_events"."body" is null and "run_events"."event" is not null and "run_events"."trace" is not null and "run_events"."commands" is not null and "run_events"."recorded_at" is not null));