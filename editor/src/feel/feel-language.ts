/**
 * The FEEL language in Monaco: colours (a Monarch tokenizer), completion of
 * the flow's fields and of FEEL functions with their signatures, and hover
 * help. Registered once; completion reads the fields of the editor that asks
 * (each model's fields are set by its component).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import { feelFunctions } from './feel-functions.js';

export const FEEL = 'feel';

/** model uri → the field paths that editor may complete. */
export const fieldsByModel = new Map<string, string[]>();

const keywords = [
  'if',
  'then',
  'else',
  'for',
  'in',
  'return',
  'some',
  'every',
  'satisfies',
  'and',
  'or',
  'between',
  'instance',
  'of',
  'function',
  'null',
  'true',
  'false',
  'not',
];

let registered = false;

export function registerFeel(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: FEEL });
  monaco.languages.setLanguageConfiguration(FEEL, {
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: '"', close: '"' },
    ],
    comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  });
  monaco.languages.setMonarchTokensProvider(FEEL, {
    keywords,
    tokenizer: {
      root: [
        [/\/\/.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/@"/, 'string.special', '@string'],
        [/"/, 'string', '@string'],
        [/\d+(\.\d+)?/, 'number'],
        [/[a-zA-Z_][\w]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/[<>=!]=?|\*\*|[-+*/]|\.\./, 'operator'],
        [/[()[\]{},.:]/, 'delimiter'],
      ],
      string: [
        [/[^\\"]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, 'string', '@pop'],
      ],
      comment: [
        [/[^/*]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/[/*]/, 'comment'],
      ],
    },
  });
  monaco.languages.registerCompletionItemProvider(FEEL, {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const dotted = /([A-Za-z_][\w.]*)$/.exec(line)?.[1] ?? '';
      const start = position.column - dotted.length;
      const range = new monaco.Range(position.lineNumber, start, position.lineNumber, word.endColumn);
      const fields = fieldsByModel.get(model.uri.toString()) ?? [];
      const suggestions: monaco.languages.CompletionItem[] = [
        ...fields.map((path) => ({
          label: path,
          kind: monaco.languages.CompletionItemKind.Field,
          insertText: path,
          detail: 'field of this flow',
          range,
          sortText: `0${path}`,
        })),
        ...feelFunctions.map((fn) => ({
          label: fn.name,
          kind: monaco.languages.CompletionItemKind.Function,
          insertText: `${fn.name}($0)`,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          detail: fn.signature,
          documentation: fn.doc,
          range,
          sortText: `1${fn.name}`,
        })),
        ...keywords.map((k) => ({
          label: k,
          kind: monaco.languages.CompletionItemKind.Keyword,
          insertText: k,
          range,
          sortText: `2${k}`,
        })),
      ];
      return { suggestions };
    },
  });
  monaco.languages.registerHoverProvider(FEEL, {
    provideHover(model, position) {
      const line = model.getLineContent(position.lineNumber);
      // Function names may contain spaces ("string length"): find the longest known name under the cursor.
      for (const fn of [...feelFunctions].sort((a, b) => b.name.length - a.name.length)) {
        let from = line.indexOf(fn.name);
        while (from >= 0) {
          const to = from + fn.name.length;
          if (position.column - 1 >= from && position.column - 1 <= to && /^\s*\(/.test(line.slice(to))) {
            return {
              range: new monaco.Range(position.lineNumber, from + 1, position.lineNumber, to + 1),
              contents: [{ value: `**${fn.signature}**` }, { value: fn.doc }],
            };
          }
          from = line.indexOf(fn.name, from + 1);
        }
      }
      const word = model.getWordAtPosition(position);
      const fields = fieldsByModel.get(model.uri.toString()) ?? [];
      if (
        word &&
        fields.some((f) => f === word.word || f.startsWith(`${word.word}.`) || f.endsWith(`.${word.word}`))
      ) {
        return { contents: [{ value: `**${word.word}** — a field of this flow's data` }] };
      }
      return null;
    },
  });
}
