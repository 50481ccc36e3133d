/** FEEL string literal escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\'`, `\uXXXX` and `\UXXXXXX`; any other backslash stays. */
export function unescapeFeelString(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{6}|.)/g, (_, e: string) => {
    if (e.length > 1) {
      const cp = Number.parseInt(e.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    switch (e) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
      case "'":
      case '\\':
        return e;
      default:
        // Not an escape in FEEL (e.g. `\d` in a regex pattern): kept as written.
        return `\\${e}`;
    }
  });
}
