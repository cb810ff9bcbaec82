CREATE TABLE "form_submission" (
	"person_id" uuid NOT NULL,
	"action" text NOT NULL,
	"key" uuid NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submission_person_id_action_key_pk" PRIMARY KEY("person_id","action","key")
);
--> statement-breakpoint
ALTER TABLE "form_submission" ADD CONSTRAINT "form_submission_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;