/**
 * A decision table as data: the flow graph's `decision` node config, the
 * editor's grid and DMN import/export all use this one shape. Cells are FEEL
 * source text (input entries are unary tests, output entries expressions);
 * ids are stable and never derived from labels, so renaming a column or a
 * rule changes no reference (the audit view cites `ruleId`).
 */
import { z } from 'zod';

/** U unique, A any, P priority, F first, R rule order, O output order, C collect. */
export const HitPolicy = z.enum(['U', 'A', 'P', 'F', 'R', 'O', 'C']);
export type HitPolicy = z.infer<typeof HitPolicy>;

/** Only meaningful with hit policy C: C+ sum, C< min, C> max, C# count. */
export const Aggregation = z.enum(['none', 'SUM', 'MIN', 'MAX', 'COUNT']);
export type Aggregation = z.infer<typeof Aggregation>;

export const DecisionTableInput = z.object({
  id: z.string().min(1),
  label: z.string(),
  /** FEEL expression computing the column's value from the evaluation context, e.g. `invoice.currency`. */
  expression: z.string().min(1, 'Give the input column an expression'),
  typeRef: z.string().optional(),
  /** FEEL unary tests listing the values this input may take, e.g. `"EUR","USD"`. */
  allowedValues: z.string().optional(),
});
export type DecisionTableInput = z.infer<typeof DecisionTableInput>;

export const DecisionTableOutput = z.object({
  id: z.string().min(1),
  /** Name of the output component; may be empty when the table has a single output. */
  name: z.string(),
  label: z.string().optional(),
  typeRef: z.string().optional(),
  /** FEEL unary tests of literal values; their order is the priority order for hit policies P and O. */
  allowedValues: z.string().optional(),
  /** FEEL expression used when no rule matches. */
  default: z.string().optional(),
});
export type DecisionTableOutput = z.infer<typeof DecisionTableOutput>;

export const DecisionTableRule = z.object({
  id: z.string().min(1),
  /** One FEEL unary test per input column; `-` (or empty) matches anything. */
  inputEntries: z.array(z.string()),
  /** One FEEL expression per output column. */
  outputEntries: z.array(z.string()),
  annotation: z.string().optional(),
});
export type DecisionTableRule = z.infer<typeof DecisionTableRule>;

export const DecisionTableDefinition = z
  .object({
    hitPolicy: HitPolicy.default('U'),
    aggregation: Aggregation.default('none'),
    inputs: z.array(DecisionTableInput),
    outputs: z.array(DecisionTableOutput).min(1, 'A decision table needs at least one output column'),
    rules: z.array(DecisionTableRule),
  })
  .superRefine((table, ctx) => {
    if (table.aggregation !== 'none' && table.hitPolicy !== 'C') {
      ctx.addIssue({
        code: 'custom',
        path: ['aggregation'],
        message: 'An aggregation (sum, min, max, count) only applies to the collect hit policy',
      });
    }
    if (table.aggregation !== 'none' && table.aggregation !== 'COUNT' && table.outputs.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['aggregation'],
        message: 'Sum, min and max need a table with a single output column',
      });
    }
    table.rules.forEach((rule, index) => {
      if (rule.inputEntries.length !== table.inputs.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'inputEntries'],
          message: `Rule ${index + 1} has ${rule.inputEntries.length} input cells; the table has ${table.inputs.length} input columns`,
        });
      }
      if (rule.outputEntries.length !== table.outputs.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'outputEntries'],
          message: `Rule ${index + 1} has ${rule.outputEntries.length} output cells; the table has ${table.outputs.length} output columns`,
        });
      }
    });
  });
export type DecisionTableDefinition = z.input<typeof DecisionTableDefinition>;
export type ParsedDecisionTable = z.output<typeof DecisionTableDefinition>;
