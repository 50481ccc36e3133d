/**
 * DMN 1.1–1.5 XML → `DmnDefinitions`. Reads by local name within the DMN
 * model namespace, whatever prefix the exporter chose (Camunda, Drools,
 * Trisotech). Every element or vendor attribute it does not understand is
 * reported once as a warning naming where it was, so an import that loses
 * something always says so.
 */
import {
  type DecisionTableInput,
  type DecisionTableOutput,
  type DecisionTableRule,
  type Diagnostic,
  diagnostic,
  fail,
  type HitPolicy,
  ok,
  type ParsedDecisionTable,
  type Result,
} from '@ledgerflow/shared';
import type {
  DmnBusinessKnowledgeModel,
  DmnDecision,
  DmnDecisionService,
  DmnDefinitions,
  DmnElement,
  DmnExpression,
  DmnFunctionDefinition,
  DmnInputData,
  DmnItemDefinition,
  DmnVariable,
} from './dmn-model.js';
import { childNamed, childrenNamed, parseXml, textOf, type XmlElement } from './xml-tree.js';

const HIT_POLICIES: Record<string, HitPolicy> = {
  UNIQUE: 'U',
  ANY: 'A',
  PRIORITY: 'P',
  FIRST: 'F',
  'RULE ORDER': 'R',
  'OUTPUT ORDER': 'O',
  COLLECT: 'C',
};

const EXPRESSION_KINDS = new Set([
  'literalExpression',
  'decisionTable',
  'context',
  'invocation',
  'list',
  'relation',
  'functionDefinition',
  'conditional',
  'filter',
  'for',
  'some',
  'every',
]);

/** Child elements each element may have that carry no semantics we need (kept silent). */
const DOCUMENTATION = new Set(['description', 'extensionElements']);

const isDmnNamespace = (ns: string) =>
  /omg\.org\/spec\/DMN\/\d+\/(MODEL|dmn\.xsd)/i.test(ns) || ns.endsWith('/dmn.xsd');

class Reader {
  readonly warnings: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  unsupported(el: XmlElement, owner: string): void {
    const key = `e:${el.local}:${owner}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.warnings.push(diagnostic('dmn.unsupported_element', { element: el.name, owner }));
  }

  /** Reports prefixed vendor attributes (camunda:*, kie:*, triso:*) once per element kind. */
  vendorAttributes(el: XmlElement, owner: string): void {
    for (const attr of Object.keys(el.attrs)) {
      if (!attr.includes(':') || /^(xmlns|xsi|xml):/.test(attr)) continue;
      const key = `a:${el.local}:${attr}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.warnings.push(
        diagnostic('dmn.unsupported_attribute', { attribute: attr, element: el.local, owner }),
      );
    }
  }

  /** Reports children outside `known` (and outside the DMN namespace, except documentation). */
  rest(el: XmlElement, owner: string, known: Set<string>): void {
    this.vendorAttributes(el, owner);
    for (const child of el.children) {
      if (DOCUMENTATION.has(child.local) && child.local !== 'extensionElements') continue;
      if (child.local === 'extensionElements') {
        if (child.children.length > 0) this.unsupported(child, owner);
        continue;
      }
      if (!known.has(child.local) || !isDmnNamespace(child.ns)) this.unsupported(child, owner);
    }
  }

  definitions(root: XmlElement): Result<DmnDefinitions> {
    if (root.local !== 'definitions' || !isDmnNamespace(root.ns)) {
      return fail([
        diagnostic('dmn.xml_invalid', {
          detail: `the root element is <${root.name}>${root.ns ? ` in ${root.ns}` : ''}, not a DMN <definitions>`,
        }),
      ]);
    }
    const name = root.attrs['name'] ?? '';
    const elements: DmnElement[] = [];
    for (const child of root.children) {
      const el = this.element(child);
      if (el) elements.push(el);
    }
    this.rest(
      root,
      name,
      new Set(['itemDefinition', 'decision', 'inputData', 'businessKnowledgeModel', 'decisionService']),
    );
    return ok({
      id: root.attrs['id'],
      name,
      namespace: root.attrs['namespace'] ?? '',
      dmnNamespace: root.ns,
      expressionLanguage: root.attrs['expressionLanguage'],
      typeLanguage: root.attrs['typeLanguage'],
      itemDefinitions: childrenNamed(root, 'itemDefinition').map((el) => this.itemDefinition(el)),
      elements,
    });
  }

  element(el: XmlElement): DmnElement | undefined {
    switch (el.local) {
      case 'decision':
        return this.decision(el);
      case 'inputData':
        return this.inputData(el);
      case 'businessKnowledgeModel':
        return this.bkm(el);
      case 'decisionService':
        return this.decisionService(el);
      default:
        return undefined;
    }
  }

  itemDefinition(el: XmlElement): DmnItemDefinition {
    const name = el.attrs['name'] ?? '';
    this.rest(el, name, new Set(['typeRef', 'allowedValues', 'itemComponent']));
    const typeRef = childNamed(el, 'typeRef')?.text.trim();
    return {
      id: el.attrs['id'],
      name,
      label: el.attrs['label'],
      typeRef: typeRef || undefined,
      allowedValues: textOf(childNamed(el, 'allowedValues')),
      isCollection: el.attrs['isCollection'] === 'true',
      components: childrenNamed(el, 'itemComponent').map((c) => this.itemDefinition(c)),
    };
  }

  variable(el: XmlElement | undefined): DmnVariable | undefined {
    if (!el) return undefined;
    return { id: el.attrs['id'], name: el.attrs['name'] ?? '', typeRef: el.attrs['typeRef'] };
  }

  decision(el: XmlElement): DmnDecision {
    const name = el.attrs['name'] ?? '';
    this.rest(
      el,
      name,
      new Set([
        'question',
        'allowedAnswers',
        'variable',
        'informationRequirement',
        'knowledgeRequirement',
        ...EXPRESSION_KINDS,
      ]),
    );
    const info = childrenNamed(el, 'informationRequirement').flatMap((req) => {
      const decision = childNamed(req, 'requiredDecision');
      const input = childNamed(req, 'requiredInput');
      const target = decision ?? input;
      if (!target) return [];
      return [
        {
          id: req.attrs['id'],
          href: target.attrs['href'] ?? '',
          requires: decision ? ('decision' as const) : ('input' as const),
        },
      ];
    });
    return {
      kind: 'decision',
      id: el.attrs['id'] ?? name,
      name,
      label: el.attrs['label'],
      question: childNamed(el, 'question')?.text,
      allowedAnswers: childNamed(el, 'allowedAnswers')?.text,
      variable: this.variable(childNamed(el, 'variable')),
      informationRequirements: info,
      knowledgeRequirements: this.knowledge(el),
      expression: this.expressionIn(el, name),
    };
  }

  knowledge(el: XmlElement) {
    return childrenNamed(el, 'knowledgeRequirement').flatMap((req) => {
      const target = childNamed(req, 'requiredKnowledge');
      return target ? [{ id: req.attrs['id'], href: target.attrs['href'] ?? '' }] : [];
    });
  }

  inputData(el: XmlElement): DmnInputData {
    const name = el.attrs['name'] ?? '';
    this.rest(el, name, new Set(['variable']));
    return {
      kind: 'inputData',
      id: el.attrs['id'] ?? name,
      name,
      label: el.attrs['label'],
      variable: this.variable(childNamed(el, 'variable')),
    };
  }

  bkm(el: XmlElement): DmnBusinessKnowledgeModel {
    const name = el.attrs['name'] ?? '';
    this.rest(el, name, new Set(['variable', 'encapsulatedLogic', 'knowledgeRequirement']));
    const logic = childNamed(el, 'encapsulatedLogic');
    return {
      kind: 'bkm',
      id: el.attrs['id'] ?? name,
      name,
      label: el.attrs['label'],
      variable: this.variable(childNamed(el, 'variable')),
      knowledgeRequirements: this.knowledge(el),
      logic: logic ? this.functionDefinition(logic, name) : null,
    };
  }

  decisionService(el: XmlElement): DmnDecisionService {
    const name = el.attrs['name'] ?? '';
    this.rest(
      el,
      name,
      new Set(['variable', 'outputDecision', 'encapsulatedDecision', 'inputDecision', 'inputData']),
    );
    const refs = (local: string) => childrenNamed(el, local).map((r) => r.attrs['href'] ?? '');
    return {
      kind: 'decisionService',
      id: el.attrs['id'] ?? name,
      name,
      label: el.attrs['label'],
      variable: this.variable(childNamed(el, 'variable')),
      outputDecisions: refs('outputDecision'),
      encapsulatedDecisions: refs('encapsulatedDecision'),
      inputDecisions: refs('inputDecision'),
      inputData: refs('inputData'),
    };
  }

  /** The one boxed expression among `el`'s children, if any. */
  expressionIn(el: XmlElement, owner: string): DmnExpression | null {
    const child = el.children.find((c) => EXPRESSION_KINDS.has(c.local));
    return child ? this.expression(child, owner) : null;
  }

  expression(el: XmlElement, owner: string): DmnExpression | null {
    const base = { id: el.attrs['id'], typeRef: el.attrs['typeRef'] };
    switch (el.local) {
      case 'literalExpression':
        this.rest(el, owner, new Set(['text', 'importedValues']));
        return { ...base, kind: 'literal', text: textOf(el) ?? '' };
      case 'decisionTable':
        return {
          ...base,
          kind: 'decisionTable',
          outputLabel: el.attrs['outputLabel'],
          table: this.decisionTable(el, owner),
        };
      case 'context':
        this.rest(el, owner, new Set(['contextEntry']));
        return {
          ...base,
          kind: 'context',
          entries: childrenNamed(el, 'contextEntry').map((entry) => {
            this.rest(entry, owner, new Set(['variable', ...EXPRESSION_KINDS]));
            return {
              variable: this.variable(childNamed(entry, 'variable')),
              value: this.expressionIn(entry, owner),
            };
          }),
        };
      case 'invocation': {
        this.rest(el, owner, new Set(['binding', ...EXPRESSION_KINDS]));
        const callee = el.children.find((c) => EXPRESSION_KINDS.has(c.local));
        return {
          ...base,
          kind: 'invocation',
          callee: (callee ? textOf(callee) : '')?.trim() ?? '',
          bindings: childrenNamed(el, 'binding').map((b) => {
            this.rest(b, owner, new Set(['parameter', ...EXPRESSION_KINDS]));
            return {
              name: childNamed(b, 'parameter')?.attrs['name'] ?? '',
              value: this.expressionIn(b, owner),
            };
          }),
        };
      }
      case 'list':
        this.rest(el, owner, EXPRESSION_KINDS);
        return {
          ...base,
          kind: 'list',
          items: el.children
            .filter((c) => EXPRESSION_KINDS.has(c.local))
            .flatMap((c) => this.expression(c, owner) ?? []),
        };
      case 'relation':
        this.rest(el, owner, new Set(['column', 'row']));
        return {
          ...base,
          kind: 'relation',
          columns: childrenNamed(el, 'column').map((c) => this.variable(c)!),
          rows: childrenNamed(el, 'row').map((row) => ({
            id: row.attrs['id'],
            cells: row.children
              .filter((c) => EXPRESSION_KINDS.has(c.local))
              .map((c) => this.expression(c, owner) ?? { kind: 'literal' as const, text: 'null' }),
          })),
        };
      case 'functionDefinition':
        return this.functionDefinition(el, owner);
      case 'conditional':
        this.rest(el, owner, new Set(['if', 'then', 'else']));
        return {
          ...base,
          kind: 'conditional',
          condition: this.childExpression(el, 'if', owner),
          whenTrue: this.childExpression(el, 'then', owner),
          whenFalse: this.childExpression(el, 'else', owner),
        };
      case 'filter':
        this.rest(el, owner, new Set(['in', 'match']));
        return {
          ...base,
          kind: 'filter',
          in: this.childExpression(el, 'in', owner),
          match: this.childExpression(el, 'match', owner),
        };
      case 'for':
      case 'some':
      case 'every':
        this.rest(el, owner, new Set(['in', 'return', 'satisfies']));
        return {
          ...base,
          kind: 'iterator',
          iterator: el.local,
          variable: el.attrs['iteratorVariable'] ?? '',
          in: this.childExpression(el, 'in', owner),
          body: this.childExpression(el, el.local === 'for' ? 'return' : 'satisfies', owner),
        };
      default:
        this.unsupported(el, owner);
        return null;
    }
  }

  /** The expression inside a wrapper child such as `<if>` or `<in>`. */
  childExpression(el: XmlElement, local: string, owner: string): DmnExpression | null {
    const wrapper = childNamed(el, local);
    if (!wrapper) return null;
    this.rest(wrapper, owner, EXPRESSION_KINDS);
    return this.expressionIn(wrapper, owner);
  }

  functionDefinition(el: XmlElement, owner: string): DmnFunctionDefinition {
    this.rest(el, owner, new Set(['formalParameter', ...EXPRESSION_KINDS]));
    const kind = el.attrs['kind'];
    return {
      id: el.attrs['id'],
      typeRef: el.attrs['typeRef'],
      kind: 'function',
      functionKind: kind === 'Java' || kind === 'PMML' ? kind : 'FEEL',
      parameters: childrenNamed(el, 'formalParameter').map((p) => this.variable(p)!),
      body: this.expressionIn(el, owner),
    };
  }

  decisionTable(el: XmlElement, owner: string): ParsedDecisionTable {
    this.rest(el, owner, new Set(['input', 'output', 'rule', 'annotation']));
    const tableId = el.attrs['id'] ?? owner;
    const inputs: DecisionTableInput[] = childrenNamed(el, 'input').map((input, i) => {
      this.rest(input, owner, new Set(['inputExpression', 'inputValues']));
      const expr = childNamed(input, 'inputExpression');
      return {
        id: input.attrs['id'] ?? `${tableId}-input-${i + 1}`,
        label: input.attrs['label'] ?? '',
        expression: textOf(expr)?.trim() ?? '',
        typeRef: expr?.attrs['typeRef'],
        allowedValues: textOf(childNamed(input, 'inputValues')),
      };
    });
    const outputs: DecisionTableOutput[] = childrenNamed(el, 'output').map((output, o) => {
      this.rest(output, owner, new Set(['outputValues', 'defaultOutputEntry']));
      return {
        id: output.attrs['id'] ?? `${tableId}-output-${o + 1}`,
        name: output.attrs['name'] ?? '',
        label: output.attrs['label'],
        typeRef: output.attrs['typeRef'],
        allowedValues: textOf(childNamed(output, 'outputValues')),
        default: textOf(childNamed(output, 'defaultOutputEntry')),
      };
    });
    const rules: DecisionTableRule[] = childrenNamed(el, 'rule').map((rule, r) => {
      this.rest(rule, owner, new Set(['inputEntry', 'outputEntry', 'annotationEntry']));
      const annotation = childrenNamed(rule, 'annotationEntry')
        .map((a) => textOf(a) ?? '')
        .join('\n');
      return {
        id: rule.attrs['id'] ?? `${tableId}-rule-${r + 1}`,
        inputEntries: childrenNamed(rule, 'inputEntry').map((e) => textOf(e) ?? '-'),
        outputEntries: childrenNamed(rule, 'outputEntry').map((e) => textOf(e) ?? 'null'),
        annotation: annotation || childNamed(rule, 'description')?.text || undefined,
      };
    });
    const aggregation = el.attrs['aggregation'];
    return {
      hitPolicy: HIT_POLICIES[el.attrs['hitPolicy'] ?? 'UNIQUE'] ?? 'U',
      aggregation:
        aggregation === 'SUM' || aggregation === 'MIN' || aggregation === 'MAX' || aggregation === 'COUNT'
          ? aggregation
          : 'none',
      inputs,
      outputs,
      rules,
    };
  }
}

/** Reads DMN XML into definitions plus warnings for whatever was left out. */
export function readDmn(xml: string): Result<{ definitions: DmnDefinitions; warnings: Diagnostic[] }> {
  const parsed = parseXml(xml);
  if (!parsed.ok) return parsed;
  const reader = new Reader();
  const defs = reader.definitions(parsed.value);
  if (!defs.ok) return defs;
  return ok({ definitions: defs.value, warnings: reader.warnings });
}

export { HIT_POLICIES };
