CREATE TYPE "public"."attendance_source" AS ENUM('webhook', 'reconcile');--> statement-breakpoint
CREATE TABLE "attendance_interval" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"source" "attendance_source" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_connection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"sid" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"left_source" "attendance_source",
	"last_seen_at" timestamp with time zone,
	"source" "attendance_source" NOT NULL,
	CONSTRAINT "room_connection_sessionId_sid_unique" UNIQUE("session_id","sid")
);
--> statement-breakpoint
CREATE TABLE "webhook_event" (
	"id" text PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"room_name" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "chat_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_seat" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"identity" text NOT NULL,
	"on_stage" boolean DEFAULT false NOT NULL,
	"hand_raised_at" timestamp with time zone,
	"lobby_since" timestamp with time zone,
	"admitted_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_seat_identity_unique" UNIQUE("identity"),
	CONSTRAINT "room_seat_sessionId_participantId_unique" UNIQUE("session_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "room_state" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"locked" boolean DEFAULT false NOT NULL,
	"last_reconciled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "attendance_interval" ADD CONSTRAINT "attendance_interval_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_interval" ADD CONSTRAINT "attendance_interval_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_connection" ADD CONSTRAINT "room_connection_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_connection" ADD CONSTRAINT "room_connection_seat_id_room_seat_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."room_seat"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_author_id_person_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_seat" ADD CONSTRAINT "room_seat_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_seat" ADD CONSTRAINT "room_seat_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_state" ADD CONSTRAINT "room_state_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_interval_session_id_participant_id_index" ON "attendance_interval" USING btree ("session_id","participant_id");--> statement-breakpoint
CREATE INDEX "room_connection_seat_id_index" ON "room_connection" USING btree ("seat_id");--> statement-breakpoint
CREATE INDEX "webhook_event_processed_at_created_at_index" ON "webhook_event" USING btree ("processed_at","created_at");--> statement-breakpoint
CREATE INDEX "webhook_event_room_name_event_index" ON "webhook_event" USING btree ("room_name","event");--> statement-breakpoint
CREATE INDEX "chat_message_session_id_sent_at_index" ON "chat_message" USING btree ("session_id","sent_at");