CREATE TABLE "starter_lesson_done" (
	"person_id" uuid NOT NULL,
	"lesson" text NOT NULL,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "starter_lesson_done_person_id_lesson_pk" PRIMARY KEY("person_id","lesson")
);
--> statement-breakpoint
ALTER TABLE "starter_lesson_done" ADD CONSTRAINT "starter_lesson_done_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The overview offers starter lessons after a "guided" intake until they are done.
CREATE TRIGGER starter_lesson_done_notify_change
	AFTER INSERT OR UPDATE OR DELETE ON starter_lesson_done
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person_data();
--> statement-breakpoint
CREATE TRIGGER digital_intake_notify_change
	AFTER INSERT OR UPDATE OR DELETE ON digital_intake
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person_data();
