CREATE TYPE "public"."breakout_assignment" AS ENUM('random', 'manual', 'self');--> statement-breakpoint
CREATE TYPE "public"."breakout_placement" AS ENUM('plan', 'manual', 'self', 'late');--> statement-breakpoint
CREATE TYPE "public"."breakout_status" AS ENUM('planned', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."rapporteur_choice" AS ENUM('moderator', 'group');--> statement-breakpoint
CREATE TABLE "breakout_broadcast" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "breakout_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"question" text,
	"room_name" text NOT NULL,
	"rapporteur_id" uuid,
	CONSTRAINT "breakout_group_roomName_unique" UNIQUE("room_name")
);
--> statement-breakpoint
CREATE TABLE "breakout_member" (
	"round_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"placement" "breakout_placement" NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "breakout_member_round_id_participant_id_pk" PRIMARY KEY("round_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "breakout_round" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"status" "breakout_status" DEFAULT 'planned' NOT NULL,
	"assignment" "breakout_assignment" NOT NULL,
	"group_count" integer NOT NULL,
	"per_group" integer,
	"duration_seconds" integer NOT NULL,
	"rapporteur_choice" "rapporteur_choice" DEFAULT 'group' NOT NULL,
	"opened_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "breakout_round_group_count" CHECK ("breakout_round"."group_count" between 1 and 50),
	CONSTRAINT "breakout_round_per_group" CHECK ("breakout_round"."per_group" is null or "breakout_round"."per_group" between 2 and 50),
	CONSTRAINT "breakout_round_duration" CHECK ("breakout_round"."duration_seconds" between 60 and 14400)
);
--> statement-breakpoint
DROP INDEX "session_note_update_session_id_id_index";--> statement-breakpoint
ALTER TABLE "outcome" ADD COLUMN "breakout_group_id" uuid;--> statement-breakpoint
ALTER TABLE "outcome" ADD COLUMN "shared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "session_note_update" ADD COLUMN "breakout_group_id" uuid;--> statement-breakpoint
ALTER TABLE "breakout_broadcast" ADD CONSTRAINT "breakout_broadcast_round_id_breakout_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."breakout_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_broadcast" ADD CONSTRAINT "breakout_broadcast_author_id_participant_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_group" ADD CONSTRAINT "breakout_group_round_id_breakout_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."breakout_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_group" ADD CONSTRAINT "breakout_group_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_group" ADD CONSTRAINT "breakout_group_rapporteur_id_participant_id_fk" FOREIGN KEY ("rapporteur_id") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_member" ADD CONSTRAINT "breakout_member_round_id_breakout_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."breakout_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_member" ADD CONSTRAINT "breakout_member_group_id_breakout_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."breakout_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_member" ADD CONSTRAINT "breakout_member_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_round" ADD CONSTRAINT "breakout_round_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_round" ADD CONSTRAINT "breakout_round_created_by_participant_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breakout_broadcast_round_id_sent_at_index" ON "breakout_broadcast" USING btree ("round_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "breakout_group_round_id_position_index" ON "breakout_group" USING btree ("round_id","position");--> statement-breakpoint
CREATE INDEX "breakout_group_session_id_index" ON "breakout_group" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "breakout_member_group_id_index" ON "breakout_member" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "breakout_round_one_active" ON "breakout_round" USING btree ("session_id") WHERE "breakout_round"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "breakout_round_session_id_index" ON "breakout_round" USING btree ("session_id");--> statement-breakpoint
ALTER TABLE "outcome" ADD CONSTRAINT "outcome_breakout_group_id_breakout_group_id_fk" FOREIGN KEY ("breakout_group_id") REFERENCES "public"."breakout_group"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_note_update" ADD CONSTRAINT "session_note_update_breakout_group_id_breakout_group_id_fk" FOREIGN KEY ("breakout_group_id") REFERENCES "public"."breakout_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_breakout_group_id_index" ON "outcome" USING btree ("breakout_group_id");--> statement-breakpoint
CREATE INDEX "session_note_update_session_id_breakout_group_id_id_index" ON "session_note_update" USING btree ("session_id","breakout_group_id","id");