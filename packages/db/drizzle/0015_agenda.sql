CREATE TYPE "public"."agenda_segment_kind" AS ENUM('welcome', 'introduction', 'plenary', 'breakout', 'report_back', 'closing');--> statement-breakpoint
CREATE TABLE "agenda_segment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" jsonb NOT NULL,
	"kind" "agenda_segment_kind" NOT NULL,
	"planned_minutes" integer NOT NULL,
	"speaker_id" uuid,
	"question_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"poll_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actual_started_at" timestamp with time zone,
	"actual_ended_at" timestamp with time zone,
	"actual_ms" bigint,
	CONSTRAINT "agenda_segment_planned_minutes" CHECK ("agenda_segment"."planned_minutes" between 1 and 600)
);
--> statement-breakpoint
CREATE TABLE "agenda_timer" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"current_segment_id" uuid,
	"elapsed_ms" bigint DEFAULT 0 NOT NULL,
	"running_since" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_segment" ADD CONSTRAINT "agenda_segment_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_segment" ADD CONSTRAINT "agenda_segment_speaker_id_participant_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_timer" ADD CONSTRAINT "agenda_timer_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_timer" ADD CONSTRAINT "agenda_timer_current_segment_id_agenda_segment_id_fk" FOREIGN KEY ("current_segment_id") REFERENCES "public"."agenda_segment"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_segment_session_id_index" ON "agenda_segment" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_segment_session_id_position_index" ON "agenda_segment" USING btree ("session_id","position");