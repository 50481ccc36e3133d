/**
 * `DmnDefinitions` → DMN XML, in the DMN version the model was read in
 * (DMN 1.3 for models built here). Writes exactly what the definitions hold;
 * the diagram (DMNDI) and vendor extensions are not kept, which the import
 * already reported.
 */
import type { ParsedDecisionTable } from '@ledgerflow/shared';
import type {
  DmnDefinitions,
  DmnElement,
  DmnExpression,
  DmnItemDefinition,
  DmnVariable,
} from './dmn-model.js';
import { writeXml, type XmlOut } from './xml-tree.js';

const DMN13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

const HIT_POLICY_NAMES = {
  U: 'UNIQUE',
  A: 'ANY',
  P: 'PRIORITY',
  F: 'FIRST',
  R: 'RULE ORDER',
  O: 'OUTPUT ORDER',
  C: 'COLLECT',
} as const;

const text = (value: string): XmlOut => ({ name: 'text', text: value });
const withText = (name: string, value: string | undefined, attrs?: XmlOut['attrs']): XmlOut[] =>
  value === undefined ? [] : [{ name, attrs, children: [text(value)] }];
const variable = (v: DmnVariable | undefined): XmlOut[] =>
  v ? [{ name: 'variable', attrs: { id: v.id, name: v.name, typeRef: v.typeRef } }] : [];

export function writeDmn(defs: DmnDefinitions): string {
  return writeXml({
    name: 'definitions',
    attrs: {
      xmlns: defs.dmnNamespace || DMN13,
      id: defs.id,
      name: defs.name,
      namespace: defs.namespace,
      expressionLanguage: defs.expressionLanguage,
      typeLanguage: defs.typeLanguage,
    },
    children: [
      ...defs.itemDefinitions.map((i) => itemDefinition(i, 'itemDefinition')),
      ...defs.elements.map(element),
    ],
  });
}

function itemDefinition(item: DmnItemDefinition, name: string): XmlOut {
  return {
    name,
    attrs: {
      id: item.id,
      name: item.name,
      label: item.label,
      isCollection: item.isCollection ? 'true' : undefined,
    },
    children: [
      ...(item.typeRef ? [{ name: 'typeRef', text: item.typeRef }] : []),
      ...withText('allowedValues', item.allowedValues),
      ...item.components.map((c) => itemDefinition(c, 'itemComponent')),
    ],
  };
}

const ref = (name: string, href: string, id?: string, inner = name): XmlOut => ({
  name,
  attrs: { id },
  children: [{ name: inner, attrs: { href } }],
});

function element(el: DmnElement): XmlOut {
  const attrs = { id: el.id, name: el.name, label: el.label };
  switch (el.kind) {
    case 'inputData':
      return { name: 'inputData', attrs, children: variable(el.variable) };
    case 'decision':
      return {
        name: 'decision',
        attrs,
        children: [
          ...(el.question !== undefined ? [{ name: 'question', text: el.question }] : []),
          ...(el.allowedAnswers !== undefined ? [{ name: 'allowedAnswers', text: el.allowedAnswers }] : []),
          ...variable(el.variable),
          ...el.informationRequirements.map((r) =>
            ref(
              'informationRequirement',
              r.href,
              r.id,
              r.requires === 'decision' ? 'requiredDecision' : 'requiredInput',
            ),
          ),
          ...el.knowledgeRequirements.map((r) =>
            ref('knowledgeRequirement', r.href, r.id, 'requiredKnowledge'),
          ),
          ...(el.expression ? [expression(el.expression)] : []),
        ],
      };
    case 'bkm':
      return {
        name: 'businessKnowledgeModel',
        attrs,
        children: [
          ...variable(el.variable),
          ...(el.logic ? [{ ...expression(el.logic), name: 'encapsulatedLogic' }] : []),
          ...el.knowledgeRequirements.map((r) =>
            ref('knowledgeRequirement', r.href, r.id, 'requiredKnowledge'),
          ),
        ],
      };
    case 'decisionService': {
      const refs = (name: string, hrefs: string[]) => hrefs.map((href) => ({ name, attrs: { href } }));
      return {
        name: 'decisionService',
        attrs,
        children: [
          ...variable(el.variable),
          ...refs('outputDecision', el.outputDecisions),
          ...refs('encapsulatedDecision', el.encapsulatedDecisions),
          ...refs('inputDecision', el.inputDecisions),
          ...refs('inputData', el.inputData),
        ],
      };
    }
  }
}

function expression(expr: DmnExpression): XmlOut {
  const attrs = { id: expr.id, typeRef: expr.typeRef };
  switch (expr.kind) {
    case 'literal':
      return { name: 'literalExpression', attrs, children: [text(expr.text)] };
    case 'decisionTable':
      return decisionTable(expr.table, { ...attrs, outputLabel: expr.outputLabel });
    case 'context':
      return {
        name: 'context',
        attrs,
        children: expr.entries.map((entry) => ({
          name: 'contextEntry',
          children: [...variable(entry.variable), ...(entry.value ? [expression(entry.value)] : [])],
        })),
      };
    case 'invocation':
      return {
        name: 'invocation',
        attrs,
        children: [
          { name: 'literalExpression', children: [text(expr.callee)] },
          ...expr.bindings.map((b) => ({
            name: 'binding',
            children: [
              { name: 'parameter', attrs: { name: b.name } },
              ...(b.value ? [expression(b.value)] : []),
            ],
          })),
        ],
      };
    case 'list':
      return { name: 'list', attrs, children: expr.items.map(expression) };
    case 'relation':
      return {
        name: 'relation',
        attrs,
        children: [
          ...expr.columns.map((c) => ({
            name: 'column',
            attrs: { id: c.id, name: c.name, typeRef: c.typeRef },
          })),
          ...expr.rows.map((row) => ({
            name: 'row',
            attrs: { id: row.id },
            children: row.cells.map(expression),
          })),
        ],
      };
    case 'conditional':
      return {
        name: 'conditional',
        attrs,
        children: [
          wrap('if', expr.condition),
          wrap('then', expr.whenTrue),
          wrap('else', expr.whenFalse),
        ].flat(),
      };
    case 'filter':
      return { name: 'filter', attrs, children: [wrap('in', expr.in), wrap('match', expr.match)].flat() };
    case 'iterator':
      return {
        name: expr.iterator,
        attrs: { ...attrs, iteratorVariable: expr.variable },
        children: [
          wrap('in', expr.in),
          wrap(expr.iterator === 'for' ? 'return' : 'satisfies', expr.body),
        ].flat(),
      };
    case 'function':
      return {
        name: 'functionDefinition',
        attrs: { ...attrs, kind: expr.functionKind === 'FEEL' ? undefined : expr.functionKind },
        children: [
          ...expr.parameters.map((p) => ({
            name: 'formalParameter',
            attrs: { id: p.id, name: p.name, typeRef: p.typeRef },
          })),
          ...(expr.body ? [expression(expr.body)] : []),
        ],
      };
  }
}

const wrap = (name: string, inner: DmnExpression | null): XmlOut[] =>
  inner ? [{ name, children: [expression(inner)] }] : [];

function decisionTable(table: ParsedDecisionTable, attrs: XmlOut['attrs']): XmlOut {
  return {
    name: 'decisionTable',
    attrs: {
      ...attrs,
      hitPolicy: HIT_POLICY_NAMES[table.hitPolicy],
      aggregation: table.aggregation === 'none' ? undefined : table.aggregation,
    },
    children: [
      ...table.inputs.map((input) => ({
        name: 'input',
        attrs: { id: input.id, label: input.label || undefined },
        children: [
          ...withText('inputExpression', input.expression, { typeRef: input.typeRef }),
          ...withText('inputValues', input.allowedValues),
        ],
      })),
      ...table.outputs.map((output) => ({
        name: 'output',
        attrs: {
          id: output.id,
          name: output.name || undefined,
          label: output.label,
          typeRef: output.typeRef,
        },
        children: [
          ...withText('outputValues', output.allowedValues),
          ...withText('defaultOutputEntry', output.default),
        ],
      })),
      ...table.rules.map((rule) => ({
        name: 'rule',
        attrs: { id: rule.id },
        children: [
          ...rule.inputEntries.map((e) => ({ name: 'inputEntry', children: [text(e)] })),
          ...rule.outputEntries.map((e) => ({ name: 'outputEntry', children: [text(e)] })),
          ...withText('annotationEntry', rule.annotation),
        ],
      })),
    ],
  };
}
