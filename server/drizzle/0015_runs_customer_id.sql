-- The explorer's customer filter reads a plain `customer_id` column instead of an index on the
-- expression `state #>> '{context,customer,id}'`: an index over `state` made every step's update of
-- the run a non-HOT update (a new heap tuple and a new entry in each of the table's indexes, kept as
-- bloat). Steps set `customer_id` from the state they write; existing runs are filled in here.
DROP INDEX "runs_customer_idx";--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "customer_id" text;--> statement-breakpoint
UPDATE "runs" SET "customer_id" = "state" #>> '{context,customer,id}' WHERE jsonb_typeof("state" #> '{context,customer,id}') IN ('string', 'number');--> statement-breakpoint
CREATE INDEX "runs_customer_idx" ON "runs" USING btree ("customer_id","created_at");--> statement-breakpoint
-- Room in each page for the next version of its runs, so a step's update stays on the page (HOT).
ALTER TABLE "runs" SET (fillfactor = 75);
