CREATE TABLE "session_excusal" (
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"recorded_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_excusal_session_id_participant_id_pk" PRIMARY KEY("session_id","participant_id")
);
--> statement-breakpoint
ALTER TABLE "session_excusal" ADD CONSTRAINT "session_excusal_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_excusal" ADD CONSTRAINT "session_excusal_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_excusal" ADD CONSTRAINT "session_excusal_recorded_by_participant_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;