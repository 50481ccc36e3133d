/**
 * A small namespace-aware element tree over fast-xml-parser, and its
 * serialiser. DMN readers walk `XmlElement`s by namespace URI and local name,
 * so `<dmn:decision>` (Drools) and `<decision>` (Camunda, Trisotech) read the
 * same. Whitespace-only text between elements is dropped; text inside a leaf
 * element is kept exactly.
 */
import { diagnostic, fail, ok, type Result } from '@ledgerflow/shared';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  /** Name as written, with its prefix (`dmn:decision`). */
  name: string;
  /** Name without prefix (`decision`). */
  local: string;
  /** Namespace URI the prefix resolves to ('' when none). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content of this element (not of its descendants). */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  commentPropName: false,
});

type Raw = Record<string, unknown>;

/** Parses an XML document into its root element, or a diagnostic with line and column. */
export function parseXml(xml: string): Result<XmlElement> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return fail([
      diagnostic('dmn.xml_invalid', {
        detail: `${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
      }),
    ]);
  }
  let nodes: Raw[];
  try {
    nodes = parser.parse(xml) as Raw[];
  } catch (e) {
    // The validator lets a few malformed documents through that the parser then rejects.
    return fail([diagnostic('dmn.xml_invalid', { detail: e instanceof Error ? e.message : String(e) })]);
  }
  for (const node of nodes) {
    const name = elementName(node);
    if (name && !name.startsWith('?')) return ok(toElement(node, name, new Map([['xml', XML_NS]])));
  }
  return fail([diagnostic('dmn.xml_invalid', { detail: 'the file has no root element' })]);
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function elementName(node: Raw): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

function toElement(node: Raw, name: string, inherited: Map<string, string>): XmlElement {
  const attrs = { ...((node[':@'] as Record<string, string> | undefined) ?? {}) };
  let scope = inherited;
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === inherited) scope = new Map(inherited);
      scope.set(key === 'xmlns' ? '' : key.slice(6), value);
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] as Raw[]) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const childName = elementName(child);
      if (childName) children.push(toElement(child, childName, scope));
    }
  }
  return {
    name,
    local: colon < 0 ? name : name.slice(colon + 1),
    ns: scope.get(prefix) ?? '',
    attrs,
    children,
    text: children.length > 0 && text.trim() === '' ? '' : text,
  };
}

/** Children with the given local name (any namespace accepted by `inNs`). */
export const childrenNamed = (el: XmlElement, local: string): XmlElement[] =>
  el.children.filter((c) => c.local === local);

export const childNamed = (el: XmlElement, local: string): XmlElement | undefined =>
  el.children.find((c) => c.local === local);

/** Text of the `<text>` child (DMN's way of holding FEEL), or of a named child's `<text>`. */
export function textOf(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const t = childNamed(el, 'text');
  return t ? t.text : undefined;
}

/** A node for writing: attributes in insertion order, children or text. */
export interface XmlOut {
  name: string;
  attrs?: Record<string, string | undefined>;
  children?: XmlOut[];
  text?: string;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');

/** Serialises with two-space indentation; text-only elements stay on one line so FEEL text is exact. */
export function writeXml(root: XmlOut): string {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const write = (node: XmlOut, depth: number) => {
    const pad = '  '.repeat(depth);
    const attrs = Object.entries(node.attrs ?? {})
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
      .join('');
    const kids = node.children ?? [];
    if (kids.length === 0 && node.text === undefined) lines.push(`${pad}<${node.name}${attrs}/>`);
    else if (kids.length === 0)
      lines.push(`${pad}<${node.name}${attrs}>${escapeText(node.text!)}</${node.name}>`);
    else {
      lines.push(`${pad}<${node.name}${attrs}>`);
      for (const k of kids) write(k, depth + 1);
      lines.push(`${pad}</${node.name}>`);
    }
  };
  write(root, 0);
  return lines.join('\n') + '\n';
}
