// Test fixtures at the database layer: a fresh database per test file, and people in series.
export { createTestDatabase } from "./database";
export {
  addParticipant,
  createParticipant,
  createPerson,
  firstDemoSession,
  type ParticipantInput,
  type ParticipantRow,
  type PersonInput,
  type PersonRow,
  type TestParticipant,
} from "./people";
