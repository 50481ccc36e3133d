/** Tiny argument readers for CLI commands: `--name value` or `--name=value`, and boolean flags. */
export function option(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === name) return args[i + 1];
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

export function flag(args: readonly string[], name: string): boolean {
  return args.includes(name);
}

/** Arguments that are not options (and not values of options). */
export function positional(args: readonly string[], valued: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (valued.includes(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('--')) out.push(a);
  }
  return out;
}
