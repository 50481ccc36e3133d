/**
 * loadDmn(xml) → a model compiled once, whose `evaluate(decision, inputs)`
 * walks the requirement graph: a decision sees exactly the input data,
 * decisions, business knowledge models and decision services it requires,
 * each required decision is evaluated at most once per call, and every
 * decision table reports the rules that fired. The model never throws.
 */
import { type Diagnostic, diagnostic, ok, type Result } from '@ledgerflow/shared';
import { toFeelValue } from '../feel/feel-convert.js';
import { closestName } from '../feel/feel-names.js';
import { FeelFunction, type FeelValue, MapContext } from '../feel/feel-value.js';
import {
  type BoxedContext,
  call,
  compileBoxed,
  type Ev,
  type EvalState,
  functionDefinition,
  newEvalState,
} from './boxed-expression.js';
import type { MatchedRule } from './decision-table-compile.js';
import {
  type DmnBusinessKnowledgeModel,
  type DmnDecision,
  type DmnDecisionService,
  type DmnDefinitions,
  type DmnElement,
  hrefId,
} from './dmn-model.js';
import { readDmn } from './dmn-read.js';
import type { Root } from './feel-bridge.js';
import { TypeChecker } from './type-check.js';

export interface DmnTableHit {
  /** Name of the decision (or BKM) whose table fired. */
  decision: string;
  tableId?: string;
  rules: MatchedRule[];
}

export interface DmnEvaluation {
  value: FeelValue;
  /** The decision tables evaluated on the way, with the rules that fired in each. */
  matchedRules: DmnTableHit[];
  warnings: Diagnostic[];
}

export interface DmnModel {
  definitions: DmnDefinitions;
  /** What the import could not keep, and expressions that failed to compile. */
  diagnostics: Diagnostic[];
  decisionNames(): string[];
  evaluate(decisionName: string, inputs: Record<string, unknown>): DmnEvaluation;
}

/** Parses DMN XML and compiles it; fails only when the file is not a DMN model at all. */
export function loadDmn(xml: string): Result<DmnModel> {
  const read = readDmn(xml);
  if (!read.ok) return read;
  return ok(compileDmn(read.value.definitions, read.value.warnings));
}

interface Run extends EvalState {
  inputs: Root;
  decisions: Map<string, FeelValue>;
  active: Set<string>;
  functions: Map<string, FeelFunction>;
}

const fedByContext = (el: DmnElement): boolean =>
  el.kind === 'decision' && el.informationRequirements.length === 0;

export function compileDmn(definitions: DmnDefinitions, importWarnings: Diagnostic[] = []): DmnModel {
  const diagnostics = [...importWarnings];
  const byId = new Map<string, DmnElement>();
  const byName = new Map<string, DmnElement>();
  for (const el of definitions.elements) {
    byId.set(el.id, el);
    if (byName.has(el.name)) diagnostics.push(diagnostic('dmn.duplicate_name', { name: el.name }));
    byName.set(el.name, el);
  }
  const types = new TypeChecker(definitions.itemDefinitions);
  const resolve = (owner: string, href: string): DmnElement | undefined => {
    const el = byId.get(hrefId(href));
    if (!el) diagnostics.push(diagnostic('dmn.missing_reference', { owner, href }));
    return el;
  };

  /** The elements an element can see, by name. */
  const requirements = new Map<string, DmnElement[]>();
  for (const el of definitions.elements) {
    const refs =
      el.kind === 'decision'
        ? [...el.informationRequirements, ...el.knowledgeRequirements]
        : el.kind === 'bkm'
          ? el.knowledgeRequirements
          : [];
    requirements.set(
      el.id,
      refs.flatMap((r) => resolve(el.name, r.href) ?? []),
    );
  }

  const compiled = new Map<string, Ev>();
  const compileErrors: Diagnostic[] = [];
  for (const el of definitions.elements) {
    const names = (requirements.get(el.id) ?? []).map((r) => r.name);
    // A decision without information requirements (Camunda style) reads its
    // inputs straight from the evaluation's inputs, so its names are open.
    const cx: BoxedContext = {
      owner: el.name,
      names: fedByContext(el) ? undefined : names,
      errors: compileErrors,
    };
    if (el.kind === 'decision') compiled.set(el.id, compileBoxed(el.expression, cx));
    if (el.kind === 'bkm' && el.logic) compiled.set(el.id, functionDefinition(el.logic, cx));
  }
  diagnostics.push(...compileErrors);

  function scopeOf(el: DmnElement, run: Run): Root {
    const root: Root = fedByContext(el) ? { ...run.inputs } : {};
    for (const req of requirements.get(el.id) ?? []) root[req.name] = valueOfElement(req, run);
    return root;
  }

  function valueOfElement(el: DmnElement, run: Run): FeelValue {
    switch (el.kind) {
      case 'inputData': {
        const raw = Object.hasOwn(run.inputs, el.name) ? toFeelValue(run.inputs[el.name]) : null;
        return types.coerce(raw, el.variable?.typeRef, el.name, run.warnings);
      }
      case 'decision':
        return decide(el, run);
      case 'bkm':
        return bkmFunction(el, run);
      case 'decisionService':
        return serviceFunction(el, run);
    }
  }

  function decide(el: DmnDecision, run: Run): FeelValue {
    const cached = run.decisions.get(el.id);
    if (cached !== undefined) return cached;
    if (run.active.has(el.id)) {
      run.warnings.push(
        diagnostic('dmn.requirement_cycle', {
          names: [...run.active, el.id].map((id) => byId.get(id)?.name ?? id).join(' → '),
        }),
      );
      return null;
    }
    run.active.add(el.id);
    const raw = compiled.get(el.id)!(scopeOf(el, run), run);
    run.active.delete(el.id);
    const value = types.coerce(raw, el.variable?.typeRef, el.name, run.warnings);
    run.decisions.set(el.id, value);
    return value;
  }

  function bkmFunction(el: DmnBusinessKnowledgeModel, run: Run): FeelValue {
    const existing = run.functions.get(el.id);
    if (existing) return existing;
    const make = compiled.get(el.id);
    if (!make) return null;
    // Registered before its scope is built so that a recursive BKM can see itself.
    const holder = new FeelFunction(
      el.logic?.parameters.map((p) => p.name) ?? [],
      (args, env) => {
        const fn = make(scopeOf(el, run), run);
        return fn instanceof FeelFunction ? fn.invoke(args, env) : null;
      },
      el.name,
    );
    run.functions.set(el.id, holder);
    return holder;
  }

  function serviceFunction(el: DmnDecisionService, run: Run): FeelValue {
    const existing = run.functions.get(el.id);
    if (existing) return existing;
    const inputData = el.inputData.flatMap((h) => resolve(el.name, h) ?? []);
    const inputDecisions = el.inputDecisions.flatMap((h) => resolve(el.name, h) ?? []);
    // Positional order: input data, then input decisions, each in document order (DMN TCK #259).
    const params = [...inputData, ...inputDecisions];
    const fn = new FeelFunction(
      params.map((p) => p.name),
      (args) => {
        const inputs: Root = {};
        const seeded = new Map<string, FeelValue>();
        params.forEach((p, i) => {
          if (p.kind === 'inputData') inputs[p.name] = args[i] ?? null;
          else {
            const declared = p.kind === 'decision' ? p.variable?.typeRef : undefined;
            seeded.set(p.id, types.coerce(args[i] ?? null, declared, p.name, run.warnings));
          }
        });
        const inner = newRun(inputs, run);
        for (const [id, v] of seeded) inner.decisions.set(id, v);
        return serviceResult(el, inner);
      },
      el.name,
    );
    run.functions.set(el.id, fn);
    return fn;
  }

  /**
   * Invoked as a function, a service with one output decision returns that
   * decision's value; evaluated from outside by name (`asContext`), it returns
   * the context of its output decisions, as the TCK expects.
   */
  function serviceResult(el: DmnDecisionService, run: Run, asContext = false): FeelValue {
    const outputs = el.outputDecisions.flatMap((h) => {
      const d = resolve(el.name, h);
      return d && d.kind === 'decision' ? [d] : [];
    });
    if (outputs.length === 1 && !asContext) return decide(outputs[0]!, run);
    return new MapContext(new Map(outputs.map((d) => [d.name, decide(d, run)])));
  }

  function newRun(inputs: Root, parent?: Run): Run {
    const st = parent ?? newEvalState();
    return {
      warnings: st.warnings,
      hits: st.hits,
      depth: st.depth,
      inputs,
      decisions: new Map(),
      active: new Set(),
      functions: new Map(),
    };
  }

  return {
    definitions,
    diagnostics,
    decisionNames: () => definitions.elements.filter((e) => e.kind === 'decision').map((e) => e.name),
    evaluate(decisionName, inputs) {
      const run = newRun(inputs);
      const el = byName.get(decisionName);
      let value: FeelValue = null;
      if (el?.kind === 'decision') value = decide(el, run);
      else if (el?.kind === 'decisionService') {
        // Values given for the service's input decisions stand in for them, as when invoked.
        for (const href of el.inputDecisions) {
          const d = byId.get(hrefId(href));
          if (d?.kind === 'decision' && Object.hasOwn(inputs, d.name)) {
            run.decisions.set(
              d.id,
              types.coerce(toFeelValue(inputs[d.name]), d.variable?.typeRef, d.name, run.warnings),
            );
          }
        }
        value = serviceResult(el, run, true);
      } else if (el?.kind === 'bkm') {
        // A BKM evaluated by name is invoked with the inputs named like its parameters.
        const fn = bkmFunction(el, run);
        if (fn instanceof FeelFunction) {
          const args = (fn.params ?? []).map((p) =>
            Object.hasOwn(inputs, p) ? toFeelValue(inputs[p]) : null,
          );
          value = call(fn, args, run);
        }
      } else {
        const candidates = definitions.elements.filter((e) => e.kind === 'decision').map((e) => e.name);
        const best = closestName(decisionName, candidates);
        run.warnings.push(
          diagnostic('dmn.unknown_decision', {
            name: decisionName,
            suggestion: best ? ` Did you mean "${best}"?` : '',
          }),
        );
      }
      return { value, matchedRules: run.hits, warnings: run.warnings };
    },
  };
}
