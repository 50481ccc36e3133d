/**
 * The DMN definitions as plain data: what `readDmn` produces from XML and
 * `writeDmn` turns back into XML. Only what Ledgerflow understands is here;
 * anything else found on import is reported, not silently carried along.
 * References between elements are by id (`href="#id"`), as in DMN.
 */
import type { ParsedDecisionTable } from '@ledgerflow/shared';

export interface DmnTyped {
  id?: string;
  typeRef?: string;
}

export type DmnExpression =
  | (DmnTyped & { kind: 'literal'; text: string })
  | (DmnTyped & { kind: 'decisionTable'; outputLabel?: string; table: ParsedDecisionTable })
  | (DmnTyped & { kind: 'context'; entries: DmnContextEntry[] })
  | (DmnTyped & { kind: 'invocation'; callee: string; bindings: DmnBinding[] })
  | (DmnTyped & { kind: 'list'; items: DmnExpression[] })
  | (DmnTyped & { kind: 'relation'; columns: DmnVariable[]; rows: { id?: string; cells: DmnExpression[] }[] })
  | DmnFunctionDefinition
  // DMN 1.4+ boxed forms of FEEL's `if`, filter and `for`/`some`/`every`.
  | (DmnTyped & {
      kind: 'conditional';
      condition: DmnExpression | null;
      whenTrue: DmnExpression | null;
      whenFalse: DmnExpression | null;
    })
  | (DmnTyped & { kind: 'filter'; in: DmnExpression | null; match: DmnExpression | null })
  | (DmnTyped & {
      kind: 'iterator';
      iterator: 'for' | 'some' | 'every';
      variable: string;
      in: DmnExpression | null;
      /** `return` for `for`, `satisfies` for `some`/`every`. */
      body: DmnExpression | null;
    });

export interface DmnFunctionDefinition extends DmnTyped {
  kind: 'function';
  functionKind: 'FEEL' | 'Java' | 'PMML';
  parameters: DmnVariable[];
  body: DmnExpression | null;
}

export interface DmnVariable {
  id?: string;
  name: string;
  typeRef?: string;
}

/** A context entry; the entry without a variable, if last, is the context's result. */
export interface DmnContextEntry {
  variable?: DmnVariable;
  value: DmnExpression | null;
}

export interface DmnBinding {
  name: string;
  value: DmnExpression | null;
}

export interface DmnItemDefinition {
  id?: string;
  name: string;
  label?: string;
  typeRef?: string;
  /** FEEL unary tests constraining the values. */
  allowedValues?: string;
  isCollection: boolean;
  components: DmnItemDefinition[];
}

export interface DmnRequirement {
  id?: string;
  /** `#id` of the required decision, input data, BKM or decision service. */
  href: string;
}

export interface DmnDecision {
  kind: 'decision';
  id: string;
  name: string;
  label?: string;
  question?: string;
  allowedAnswers?: string;
  variable?: DmnVariable;
  informationRequirements: (DmnRequirement & { requires: 'decision' | 'input' })[];
  knowledgeRequirements: DmnRequirement[];
  expression: DmnExpression | null;
}

export interface DmnInputData {
  kind: 'inputData';
  id: string;
  name: string;
  label?: string;
  variable?: DmnVariable;
}

export interface DmnBusinessKnowledgeModel {
  kind: 'bkm';
  id: string;
  name: string;
  label?: string;
  variable?: DmnVariable;
  knowledgeRequirements: DmnRequirement[];
  logic: DmnFunctionDefinition | null;
}

export interface DmnDecisionService {
  kind: 'decisionService';
  id: string;
  name: string;
  label?: string;
  variable?: DmnVariable;
  outputDecisions: string[];
  encapsulatedDecisions: string[];
  inputDecisions: string[];
  inputData: string[];
}

export type DmnElement = DmnDecision | DmnInputData | DmnBusinessKnowledgeModel | DmnDecisionService;

export interface DmnDefinitions {
  id?: string;
  name: string;
  namespace: string;
  /** The DMN model namespace the file was written in (kept for export). */
  dmnNamespace: string;
  expressionLanguage?: string;
  typeLanguage?: string;
  itemDefinitions: DmnItemDefinition[];
  elements: DmnElement[];
}

/** `#id` → `id`; an href into another model keeps its namespace part. */
export const hrefId = (href: string): string => (href.startsWith('#') ? href.slice(1) : href);
