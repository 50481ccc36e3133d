/**
 * Config pieces several node kinds share: ISO 8601 durations, FEEL
 * expressions (checked by the runtime's validate, not here: shared/ has no
 * logic) and assignees of human tasks.
 */
import { z } from 'zod';

/** An ISO 8601 duration such as `P3D`, `PT4H` or `P1DT12H`. */
export const IsoDuration = z
  .string()
  .regex(
    /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
    'A duration is ISO 8601, e.g. P3D (3 days) or PT4H (4 hours)',
  );
export type IsoDuration = z.infer<typeof IsoDuration>;

/** A FEEL expression over the run context, e.g. `invoice.amount > 1000`. */
export const FeelSource = z.string().min(1, 'Write an expression').max(4000);

/** A dotted path into the run context, e.g. `customer.timezone`. */
export const ContextPath = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'A field path looks like invoice.amount');

/** Who may act on a human task: any user holding one of the roles, or one of the named users. */
export const Assignees = z
  .object({
    roles: z.array(z.string().min(1)).default([]),
    users: z.array(z.string().min(1)).default([]),
  })
  .refine((a) => a.roles.length + a.users.length > 0, 'Name at least one role or user');
export type Assignees = z.infer<typeof Assignees>;

/** A port id derived from user data (a switch case, a subflow outcome). */
export const PortId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'An id has only letters, digits, - and _');
