/**
 * Reads a DMN TCK test file (`*-test-*.xml`): test cases with typed input
 * values and expected results. Values follow the TCK's XML form: `<value
 * xsi:type="xsd:decimal">`, `<list><item>…`, `<component name=…>` for
 * contexts and `xsi:nil="true"` for null. Decimals are read from their text,
 * so expected values keep every digit.
 */
import { type Diagnostic, diagnostic, fail, ok, type Result } from '@ledgerflow/shared';
import { FeelDecimal } from '../../feel/feel-decimal.js';
import { parseDate, parseDateTime, parseDuration, parseTime } from '../../feel/feel-temporal.js';
import { type FeelValue, MapContext } from '../../feel/feel-value.js';
import { childNamed, childrenNamed, parseXml, type XmlElement } from '../xml-tree.js';

export interface TckResultNode {
  name: string;
  /** `decision` (the default) or `bkm`/`decisionService`; only decisions are evaluated by name. */
  type: string;
  /** True when the case expects an error (evaluated as null). */
  errorResult: boolean;
  expected: FeelValue;
}

export interface TckCase {
  id: string;
  description?: string;
  /** Decision service to invoke instead of the decisions, if the case names one. */
  invocableName?: string;
  inputs: Record<string, FeelValue>;
  results: TckResultNode[];
}

export interface TckFile {
  modelName: string;
  cases: TckCase[];
}

export function readTckFile(xml: string, file: string): Result<TckFile> {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    return fail(
      parsed.diagnostics.map((d) => diagnostic('dmn.tck_file_invalid', { file, detail: d.message })),
    );
  }
  const root = parsed.value;
  if (root.local !== 'testCases') {
    return fail([diagnostic('dmn.tck_file_invalid', { file, detail: `the root element is <${root.name}>` })]);
  }
  const problems: Diagnostic[] = [];
  const cases = childrenNamed(root, 'testCase').map((tc, i): TckCase => {
    const inputs: Record<string, FeelValue> = {};
    for (const input of childrenNamed(tc, 'inputNode'))
      inputs[input.attrs['name'] ?? ''] = readValue(input, problems);
    return {
      id: tc.attrs['id'] ?? String(i + 1),
      description: childNamed(tc, 'description')?.text,
      invocableName: tc.attrs['invocableName'],
      inputs,
      results: childrenNamed(tc, 'resultNode').map((rn) => {
        const expected = childNamed(rn, 'expected');
        return {
          name: rn.attrs['name'] ?? '',
          type: rn.attrs['type'] ?? 'decision',
          errorResult: rn.attrs['errorResult'] === 'true',
          expected: expected ? readValue(expected, problems) : null,
        };
      }),
    };
  });
  if (problems.length > 0) return fail(problems.map((d) => ({ ...d, message: `${file}: ${d.message}` })));
  return ok({ modelName: childNamed(root, 'modelName')?.text.trim() ?? '', cases });
}

const nil = (el: XmlElement) =>
  el.attrs['xsi:nil'] === 'true' ||
  Object.entries(el.attrs).some(([k, v]) => k.endsWith(':nil') && v === 'true');

/** A TCK valueType: a `<value>`, a `<list>`, or `<component>`s (a context). */
export function readValue(el: XmlElement, problems: Diagnostic[]): FeelValue {
  if (nil(el)) return null;
  const value = childNamed(el, 'value');
  if (value) return readSimple(value, problems);
  const list = childNamed(el, 'list');
  if (list) return nil(list) ? null : childrenNamed(list, 'item').map((item) => readValue(item, problems));
  const components = childrenNamed(el, 'component');
  if (components.length > 0) {
    return new MapContext(new Map(components.map((c) => [c.attrs['name'] ?? '', readValue(c, problems)])));
  }
  return null;
}

const TYPE_READERS: Record<string, (text: string) => FeelValue | undefined> = {
  decimal: (t) => new FeelDecimal(t.trim()),
  double: (t) => new FeelDecimal(t.trim()),
  float: (t) => new FeelDecimal(t.trim()),
  integer: (t) => new FeelDecimal(t.trim()),
  int: (t) => new FeelDecimal(t.trim()),
  long: (t) => new FeelDecimal(t.trim()),
  short: (t) => new FeelDecimal(t.trim()),
  string: (t) => t,
  boolean: (t) => t.trim() === 'true',
  date: (t) => parseDate(t.trim()) ?? undefined,
  time: (t) => parseTime(t.trim()) ?? undefined,
  dateTime: (t) => parseDateTime(t.trim()) ?? undefined,
  duration: (t) => parseDuration(t.trim()) ?? undefined,
  dayTimeDuration: (t) => parseDuration(t.trim()) ?? undefined,
  yearMonthDuration: (t) => parseDuration(t.trim()) ?? undefined,
};

function readSimple(el: XmlElement, problems: Diagnostic[]): FeelValue {
  if (nil(el)) return null;
  // A <value> may itself hold a list or components (contexts nested in lists).
  if (el.children.length > 0) return readValue(el, problems);
  const type = (el.attrs['xsi:type'] ?? '').replace(/^[A-Za-z]+:/, '');
  const reader = TYPE_READERS[type] ?? TYPE_READERS['string']!;
  try {
    const v = reader(el.text);
    if (v !== undefined) return v;
  } catch {
    // reported below
  }
  problems.push(
    diagnostic('dmn.tck_file_invalid', { file: '', detail: `cannot read "${el.text}" as ${type}` }),
  );
  return null;
}
