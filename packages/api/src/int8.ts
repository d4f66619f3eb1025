import { z } from "zod";

/** The largest id a PostgreSQL bigint (bigserial) column holds. */
export const INT8_MAX = 9_223_372_036_854_775_807n;

const decimal = /^\d{1,19}$/;

/** A bigint id as clients send it (a decimal string), or null when it is not one a column could hold. */
export function parseInt8(value: string | null | undefined): bigint | null {
  if (!value || !decimal.test(value)) return null;
  const id = BigInt(value);
  return id <= INT8_MAX ? id : null;
}

/** A bigint id in an input: checked against the column's range here, not by the database. */
export const int8Id = z
  .string()
  .regex(decimal)
  .refine((value) => parseInt8(value) !== null, { params: { i18n: "outOfRange" } });
