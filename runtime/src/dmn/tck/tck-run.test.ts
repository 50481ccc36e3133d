import { describe, expect, it } from 'vitest';
import { FeelDecimal } from '../../feel/feel-decimal.js';
import { MapContext } from '../../feel/feel-value.js';
import { loadDmn } from '../dmn-load.js';
import { readTckFile } from './tck-cases.js';
import { compareTckValue } from './tck-compare.js';
import { runTckCases } from './tck-run.js';

const model = `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="m" namespace="n">
  <inputData id="x" name="x"><variable name="x" typeRef="number"/></inputData>
  <decision id="half" name="half"><informationRequirement><requiredInput href="#x"/></informationRequirement>
    <literalExpression><text>x / 3</text></literalExpression></decision>
  <decision id="pair" name="pair"><informationRequirement><requiredInput href="#x"/></informationRequirement>
    <context>
      <contextEntry><variable name="list"/><literalExpression><text>[x, null, "a"]</text></literalExpression></contextEntry>
      <contextEntry><variable name="ok"/><literalExpression><text>x > 0</text></literalExpression></contextEntry>
    </context></decision>
  <decision id="broken" name="broken"><literalExpression><text>1 / 0</text></literalExpression></decision>
  <businessKnowledgeModel id="twice" name="twice"><encapsulatedLogic><formalParameter name="n"/>
    <literalExpression><text>n * 2</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>
  <decisionService id="svc" name="svc"><outputDecision href="#half"/><encapsulatedDecision href="#half"/><inputData href="#x"/></decisionService>
</definitions>`;

const tests = `<testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <modelName>m.dmn</modelName>
  <testCase id="exact-enough"><inputNode name="x"><value xsi:type="xsd:decimal">1</value></inputNode>
    <resultNode name="half"><expected><value xsi:type="xsd:decimal">0.3333333333333</value></expected></resultNode></testCase>
  <testCase id="structured"><inputNode name="x"><value xsi:type="xsd:decimal">2</value></inputNode>
    <resultNode name="pair"><expected>
      <component name="list"><list><item><value xsi:type="xsd:decimal">2</value></item><item><value xsi:nil="true"/></item><item><value xsi:type="xsd:string">a</value></item></list></component>
      <component name="ok"><value xsi:type="xsd:boolean">true</value></component>
    </expected></resultNode></testCase>
  <testCase id="error"><resultNode name="broken" errorResult="true"><expected><value xsi:nil="true"/></expected></resultNode></testCase>
  <testCase id="bkm" invocableName="twice"><inputNode name="n"><value xsi:type="xsd:decimal">21</value></inputNode>
    <resultNode name="twice" type="bkm"><expected><value xsi:type="xsd:decimal">42</value></expected></resultNode></testCase>
  <testCase id="service" invocableName="svc"><inputNode name="x"><value xsi:type="xsd:decimal">3</value></inputNode>
    <resultNode name="half" type="decisionService"><expected><value xsi:type="xsd:decimal">1</value></expected></resultNode></testCase>
  <testCase id="wrong"><inputNode name="x"><value xsi:type="xsd:decimal">3</value></inputNode>
    <resultNode name="half"><expected><value xsi:type="xsd:decimal">2</value></expected></resultNode></testCase>
</testCases>`;

describe('the TCK core', () => {
  it('passes matching cases and explains the failing one in one line', () => {
    const loaded = loadDmn(model);
    const file = readTckFile(tests, 'm-test-01.xml');
    if (!loaded.ok || !file.ok) throw new Error('fixture did not load');
    expect(file.value.modelName).toBe('m.dmn');
    expect(runTckCases(loaded.value, file.value.cases)).toEqual([
      { id: 'exact-enough', passed: true },
      { id: 'structured', passed: true },
      { id: 'error', passed: true },
      { id: 'bkm', passed: true },
      { id: 'service', passed: true },
      { id: 'wrong', passed: false, reason: 'half: expected 2 but got 1' },
    ]);
  });

  it('compares numbers exactly unless the expected value is a long print', () => {
    const d = (s: string) => new FeelDecimal(s);
    expect(compareTckValue(d('15'), d('15.0'))).toBeNull();
    expect(compareTckValue(d('15'), d('15.0000001'))).toBe('expected 15 but got 15.0000001');
    expect(compareTckValue(d('662.707359373292'), d('662.7073593732659271562143285576524'))).toBeNull();
    expect(compareTckValue(d('662.707359373292'), d('662.7073'))).not.toBeNull();
  });

  it('wants contexts with the same entries, null only for null', () => {
    const ctx = (o: Record<string, unknown>) =>
      new MapContext(new Map(Object.entries(o) as [string, never][]));
    expect(compareTckValue(ctx({ a: 'x' }), ctx({ a: 'x', b: 'y' }))).toBe('unexpected entries "b"');
    expect(compareTckValue(ctx({ a: 'x' }), ctx({}))).toBe('missing entry "a" in {}');
    expect(compareTckValue(null, 'x')).toBe('expected null but got "x"');
    expect(compareTckValue([], null)).toBe('expected [] but got null');
  });
});
