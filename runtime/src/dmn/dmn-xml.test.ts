import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromFeelValue } from '../feel/feel-convert.js';
import { exportDmn } from './dmn-export.js';
import { type DmnModel, loadDmn } from './dmn-load.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/dmn');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

function load(xml: string): DmnModel {
  const r = loadDmn(xml);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

const run = (model: DmnModel, decision: string, inputs: Record<string, unknown>) => {
  const r = model.evaluate(decision, inputs);
  return {
    value: fromFeelValue(r.value),
    rules: r.matchedRules.flatMap((h) => h.rules.map((m) => m.ruleId)),
    warnings: r.warnings,
  };
};

describe('a Camunda model', () => {
  const model = load(fixture('camunda-payment-routing.dmn'));

  it('routes payments with its first-hit table and names the rule that fired', () => {
    expect(run(model, 'Route payment', { currency: 'EUR', amount: 500 })).toMatchObject({
      value: { provider: 'sepa', fee: 0.2 },
      rules: ['rule-sepa'],
    });
    expect(run(model, 'Route payment', { currency: 'USD', amount: 20000 }).value).toEqual({
      provider: 'swift',
      fee: 20,
    });
    expect(run(model, 'Route payment', { currency: 'GBP', amount: 1 }).value).toEqual({
      provider: 'manual',
      fee: null,
    });
  });

  it('refuses a currency outside the input values with a warning', () => {
    const r = run(model, 'Route payment', { currency: 'CHF', amount: 1 });
    expect(r.value).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['dmn.input_not_allowed']);
  });

  it('reports the vendor attributes and the diagram it leaves out', () => {
    expect(model.diagnostics.map((d) => d.message)).toEqual([
      'The attribute camunda:historyTimeToLive of <decision> "Route payment" is not supported and was left out.',
      'The attribute camunda:inputVariable of <input> "Route payment" is not supported and was left out.',
      'The attribute modeler:executionPlatform of <definitions> "Payment routing" is not supported and was left out.',
      'The attribute modeler:executionPlatformVersion of <definitions> "Payment routing" is not supported and was left out.',
      'The element <dmndi:DMNDI> in "Payment routing" is not supported yet and was left out.',
    ]);
    expect(model.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });
});

describe('a Drools model with boxed expressions', () => {
  const model = load(fixture('drools-loan-scoring.dmn'));
  const applicant = { Applicant: { age: 30, income: 60000 } };

  it('evaluates a context with an invocation, a list, a relation and a function definition', () => {
    const facts = run(model, 'Facts', applicant).value as Record<string, unknown>;
    expect(facts).toMatchObject({
      monthly: 5000,
      limits: [1000, 15000],
      bands: [
        { from: 0, rate: 0.05 },
        { from: 5000, rate: 0.03 },
      ],
      doubled: 10000,
    });
  });

  it('picks the highest-priority rating and falls back to the default output', () => {
    expect(run(model, 'Rating', applicant)).toMatchObject({ value: 'A', rules: ['_rr1'] });
    expect(run(model, 'Rating', { Applicant: { age: 30, income: 6000 } })).toMatchObject({
      value: 'C',
      rules: [],
    });
  });

  it('invokes a decision service by name and from FEEL', () => {
    expect(run(model, 'Rate applicant', { Applicant: { age: 70, income: 30000 } }).value).toEqual({
      Rating: 'B',
    });
    expect(run(model, 'Rating via service', {}).value).toBe('C');
  });

  it('invokes a business knowledge model by name with inputs named like its parameters', () => {
    expect(run(model, 'Monthly income', { yearly: 1200 }).value).toBe(100);
  });

  it('suggests the closest decision name for a typo', () => {
    expect(run(model, 'Ratin', {}).warnings[0]!.message).toBe(
      'The model has no decision named "Ratin". Did you mean "Rating"?',
    );
  });
});

describe('exportDmn', () => {
  for (const name of ['camunda-payment-routing.dmn', 'drools-loan-scoring.dmn']) {
    it(`writes ${name} back so that it reads the same and reports nothing new`, () => {
      const model = load(fixture(name));
      const again = load(exportDmn(model));
      expect(again.definitions).toEqual(model.definitions);
      expect(again.diagnostics).toEqual([]);
      expect(load(exportDmn(again)).definitions).toEqual(model.definitions);
    });
  }

  it('exports every TCK level 2 model and evaluates the same afterwards', () => {
    const xml = readFileSync(
      join(
        fixtures,
        '../../../../shared/dmn-tck/compliance-level-2/0009-invocation-arithmetic/0009-invocation-arithmetic.dmn',
      ),
      'utf8',
    );
    const model = load(xml);
    const again = load(exportDmn(model));
    const inputs = { Loan: { amount: 600000, rate: 0.0375, term: 360 }, fee: 100 };
    expect(fromFeelValue(again.evaluate('MonthlyPayment', inputs).value)).toEqual(
      fromFeelValue(model.evaluate('MonthlyPayment', inputs).value),
    );
  });
});

describe('DMN 1.5 boxed conditional, filter and iterators', () => {
  const xml = `<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="boxed" namespace="n">
    <inputData id="in" name="amounts"><variable name="amounts"/></inputData>
    <decision id="big" name="big">
      <informationRequirement><requiredInput href="#in"/></informationRequirement>
      <filter><in><literalExpression><text>amounts</text></literalExpression></in>
        <match><literalExpression><text>item > 100</text></literalExpression></match></filter>
    </decision>
    <decision id="doubled" name="doubled">
      <informationRequirement><requiredInput href="#in"/></informationRequirement>
      <for iteratorVariable="a"><in><literalExpression><text>amounts</text></literalExpression></in>
        <return><literalExpression><text>a * 2</text></literalExpression></return></for>
    </decision>
    <decision id="anyBig" name="anyBig">
      <informationRequirement><requiredInput href="#in"/></informationRequirement>
      <some iteratorVariable="a"><in><literalExpression><text>amounts</text></literalExpression></in>
        <satisfies><literalExpression><text>a > 1000</text></literalExpression></satisfies></some>
    </decision>
    <decision id="allPositive" name="allPositive">
      <informationRequirement><requiredInput href="#in"/></informationRequirement>
      <every iteratorVariable="a"><in><literalExpression><text>amounts</text></literalExpression></in>
        <satisfies><literalExpression><text>a > 0</text></literalExpression></satisfies></every>
    </decision>
    <decision id="label" name="label">
      <informationRequirement><requiredDecision href="#anyBig"/></informationRequirement>
      <conditional><if><literalExpression><text>anyBig</text></literalExpression></if>
        <then><literalExpression><text>"review"</text></literalExpression></then>
        <else><literalExpression><text>"auto"</text></literalExpression></else></conditional>
    </decision>
  </definitions>`;

  it('evaluates each form and keeps them through export', () => {
    for (const model of [load(xml), load(exportDmn(load(xml)))]) {
      const inputs = { amounts: [50, 150, 2000] };
      expect(run(model, 'big', inputs).value).toEqual([150, 2000]);
      expect(run(model, 'doubled', inputs).value).toEqual([100, 300, 4000]);
      expect(run(model, 'anyBig', inputs).value).toBe(true);
      expect(run(model, 'allPositive', { amounts: [1, -1] }).value).toBe(false);
      expect(run(model, 'label', inputs).value).toBe('review');
      expect(run(model, 'label', { amounts: [1] }).value).toBe('auto');
      expect(model.diagnostics).toEqual([]);
    }
  });
});

describe('loadDmn', () => {
  it('reports malformed XML with its line', () => {
    const r = loadDmn('<definitions>\n<decision></definitions>');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.message).toMatch(/^The DMN file could not be read: .*line 2/);
  });

  it('refuses a file that is not DMN', () => {
    const r = loadDmn('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics[0]!.message).toBe(
        'The DMN file could not be read: the root element is <bpmn:definitions> in http://www.omg.org/spec/BPMN/20100524/MODEL, not a DMN <definitions>',
      );
    }
    expect(loadDmn('<testCases/>').ok).toBe(false);
  });

  it('keeps a broken expression from hiding the other decisions', () => {
    const model =
      load(`<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="m" namespace="n">
      <decision id="a" name="A"><literalExpression><text>1 +</text></literalExpression></decision>
      <decision id="b" name="B"><literalExpression><text>1 + 1</text></literalExpression></decision>
    </definitions>`);
    expect(model.diagnostics.map((d) => d.code)).toEqual(['dmn.expression_invalid']);
    expect(run(model, 'A', {}).value).toBeNull();
    expect(run(model, 'A', {}).warnings[0]!.code).toBe('dmn.expression_invalid');
    expect(run(model, 'B', {}).value).toBe(2);
  });

  it('passes decision service arguments as its input decisions, checked against their types', () => {
    const model =
      load(`<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="m" namespace="n">
      <decisionService id="ds" name="greet"><outputDecision href="#out"/><encapsulatedDecision href="#out"/><inputDecision href="#who"/></decisionService>
      <decision id="who" name="who"><variable name="who" typeRef="string"/><literalExpression><text>"never used"</text></literalExpression></decision>
      <decision id="out" name="out"><informationRequirement><requiredDecision href="#who"/></informationRequirement>
        <literalExpression><text>if who = null then "nobody" else "hello " + who</text></literalExpression></decision>
      <decision id="a" name="a"><knowledgeRequirement><requiredKnowledge href="#ds"/></knowledgeRequirement><literalExpression><text>greet("Ada")</text></literalExpression></decision>
      <decision id="b" name="b"><knowledgeRequirement><requiredKnowledge href="#ds"/></knowledgeRequirement><literalExpression><text>greet(123)</text></literalExpression></decision>
    </definitions>`);
    expect(run(model, 'a', {}).value).toBe('hello Ada');
    const b = run(model, 'b', {});
    expect(b.value).toBe('nobody');
    expect(b.warnings.map((w) => w.code)).toEqual(['dmn.type_mismatch']);
  });

  it('takes positional service arguments as input data first, then input decisions', () => {
    const model =
      load(`<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="m" namespace="n">
      <decisionService id="ds" name="svc"><outputDecision href="#out"/><encapsulatedDecision href="#out"/>
        <inputDecision href="#d1"/><inputData href="#i1"/></decisionService>
      <inputData id="i1" name="i1"><variable name="i1" typeRef="string"/></inputData>
      <decision id="d1" name="d1"><variable name="d1" typeRef="string"/><literalExpression><text>"unused"</text></literalExpression></decision>
      <decision id="out" name="out"><informationRequirement><requiredDecision href="#d1"/></informationRequirement>
        <informationRequirement><requiredInput href="#i1"/></informationRequirement>
        <literalExpression><text>i1 + " " + d1</text></literalExpression></decision>
      <decision id="call" name="call"><knowledgeRequirement><requiredKnowledge href="#ds"/></knowledgeRequirement>
        <literalExpression><text>svc("A", "B")</text></literalExpression></decision>
    </definitions>`);
    expect(run(model, 'call', {}).value).toBe('A B');
    expect(run(model, 'svc', { i1: 'x', d1: 'y' }).value).toEqual({ out: 'x y' });
  });

  it('invokes a BKM whose logic is a decision table, reporting the rule under the BKM', () => {
    const model =
      load(`<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="m" namespace="n">
      <businessKnowledgeModel id="fee" name="Fee table"><encapsulatedLogic>
        <formalParameter name="method" typeRef="string"/><formalParameter name="amount" typeRef="number"/>
        <decisionTable id="fee-dt" hitPolicy="FIRST">
          <input><inputExpression><text>method</text></inputExpression></input>
          <input><inputExpression><text>amount</text></inputExpression></input>
          <output name="fee"/>
          <rule id="card-small"><inputEntry><text>"card"</text></inputEntry><inputEntry><text>&lt; 10</text></inputEntry><outputEntry><text>0.1</text></outputEntry></rule>
          <rule id="card"><inputEntry><text>"card"</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>amount * 0.015</text></outputEntry></rule>
        </decisionTable></encapsulatedLogic></businessKnowledgeModel>
      <decision id="d" name="Card fee"><knowledgeRequirement><requiredKnowledge href="#fee"/></knowledgeRequirement>
        <invocation><literalExpression><text>Fee table</text></literalExpression>
          <binding><parameter name="amount"/><literalExpression><text>200</text></literalExpression></binding>
          <binding><parameter name="method"/><literalExpression><text>"card"</text></literalExpression></binding>
        </invocation></decision>
    </definitions>`);
    expect(run(model, 'Card fee', {})).toMatchObject({ value: 3, rules: ['card'] });
    expect(model.evaluate('Card fee', {}).matchedRules[0]!.decision).toBe('Fee table');
  });

  it('reports a requirement that points nowhere', () => {
    const model =
      load(`<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="m" namespace="n">
      <decision id="a" name="A"><informationRequirement><requiredInput href="#nope"/></informationRequirement>
        <literalExpression><text>1</text></literalExpression></decision>
    </definitions>`);
    expect(model.diagnostics[0]!.message).toBe('"A" refers to #nope, which is not in this model.');
  });
});
