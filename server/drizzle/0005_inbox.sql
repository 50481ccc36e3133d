CREATE TABLE "task_decisions" (
	"task_id" text NOT NULL,
	"by" text NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "task_decisions_task_id_by_pk" PRIMARY KEY("task_id","by")
);
--> statement-breakpoint
CREATE TABLE "task_holders" (
	"task_id" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"since" timestamp with time zone NOT NULL
);
