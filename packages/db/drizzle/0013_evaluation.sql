CREATE TYPE "public"."evaluation_mode" AS ENUM('anonymous', 'named');--> statement-breakpoint
CREATE TABLE "evaluation_invitation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"mode" "evaluation_mode" NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "evaluation_invitation_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "evaluation_invitation_sessionId_participantId_unique" UNIQUE("session_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid,
	"usefulness" integer NOT NULL,
	"essay_must" text DEFAULT '' NOT NULL,
	"change_next" text DEFAULT '' NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "evaluation_response_usefulness" CHECK ("evaluation_response"."usefulness" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "evaluation_settings" (
	"series_id" uuid PRIMARY KEY NOT NULL,
	"mode" "evaluation_mode" DEFAULT 'anonymous' NOT NULL,
	"deadline_days" integer DEFAULT 14 NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_settings_deadline_days" CHECK ("evaluation_settings"."deadline_days" between 4 and 60)
);
--> statement-breakpoint
CREATE TABLE "evaluation_token_use" (
	"token_hash" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation_invitation" ADD CONSTRAINT "evaluation_invitation_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_invitation" ADD CONSTRAINT "evaluation_invitation_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_response" ADD CONSTRAINT "evaluation_response_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_response" ADD CONSTRAINT "evaluation_response_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_settings" ADD CONSTRAINT "evaluation_settings_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_token_use" ADD CONSTRAINT "evaluation_token_use_token_hash_evaluation_invitation_token_hash_fk" FOREIGN KEY ("token_hash") REFERENCES "public"."evaluation_invitation"("token_hash") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_invitation_participant_id_index" ON "evaluation_invitation" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "evaluation_response_session_id_index" ON "evaluation_response" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "evaluation_response_participant_id_index" ON "evaluation_response" USING btree ("participant_id");