/**
 * Function definitions and invocations. A call to a built-in by name is bound
 * at compile time (argument count and declared types checked here); any other
 * call evaluates its callee and invokes the resulting `FeelFunction`, with
 * named arguments mapped to the function's parameter names.
 */
import type { SyntaxNode } from '@lezer/common';
import {
  arityText,
  type BuiltinArgs,
  type BuiltinCall,
  type BuiltinOverload,
  coerceArgument,
  overloadForNames,
  overloadsForCount,
  typeAccepts,
} from './feel-builtin.js';
import { builtins } from './feel-builtins.js';
import {
  type Compiled,
  type CompileState,
  compileNode,
  evalAll,
  isKnownName,
  nameText,
  nodeCompilers,
  operands,
  report,
  text,
  warner,
} from './feel-compile-core.js';
import { suggestionText } from './feel-names.js';
import type { Scope } from './feel-scope.js';
import { describeType } from './feel-types.js';
import { type EvalEnv, FeelFunction, type FeelValue } from './feel-value.js';

interface Args {
  positional: Compiled[] | null;
  named: { name: string; value: Compiled; node: SyntaxNode }[] | null;
}

function compileArgs(node: SyntaxNode, st: CompileState): Args {
  const pos = node.getChild('PositionalParameters');
  if (pos) return { positional: operands(pos).map((a) => compileNode(a, st)), named: null };
  const named = node.getChild('NamedParameters');
  if (named) {
    return {
      positional: null,
      named: operands(named).map((p) => {
        const [pn, vn] = operands(p) as [SyntaxNode, SyntaxNode];
        return { name: nameText(pn, st), value: compileNode(vn, st), node: pn };
      }),
    };
  }
  return { positional: [], named: null };
}

/** A built-in's view of its call: a class, not an object literal with a closure, to keep calls cheap. */
class CallSite implements BuiltinCall {
  constructor(
    readonly env: EvalEnv,
    private readonly name: string,
    private readonly invalid: (env: EvalEnv, p: Record<string, string>) => null,
  ) {}
  fail(detail: string): null {
    return this.invalid(this.env, { name: this.name, detail });
  }
}

/** Runs a built-in overload on evaluated arguments, checking and coercing each against its parameter. */
function runOverload(
  o: BuiltinOverload,
  name: string,
  values: FeelValue[],
  env: EvalEnv,
  invalid: (env: EvalEnv, p: Record<string, string>) => null,
): FeelValue {
  const args: FeelValue[] = [];
  for (let i = 0; i < o.params.length; i++) {
    const p = o.params[i]!;
    if (p.variadic) {
      args.push(values.slice(i));
      break;
    }
    const v = i < values.length ? (values[i] as FeelValue) : undefined;
    if (v === undefined) {
      args.push(null);
      continue;
    }
    const c = coerceArgument(p, v);
    if (c !== null && typeof c === 'object' && 'problem' in c)
      return invalid(env, { name, detail: c.problem });
    args.push(c as FeelValue);
  }
  try {
    return o.fn(args as BuiltinArgs, new CallSite(env, name, invalid));
  } catch (e) {
    return invalid(env, { name, detail: e instanceof Error ? e.message : 'it failed' });
  }
}

/** Compiles a call to the built-in `name` with the given arguments. */
export function compileBuiltinCall(
  name: string,
  node: SyntaxNode,
  calleeNode: SyntaxNode,
  args: Args,
  st: CompileState,
): Compiled {
  const b = builtins.get(name)!;
  const invalid = warner(node, 'feel.invalid_argument');
  const badCount = (actual: number) => {
    report(st, node, 'feel.argument_count', {
      name,
      expected: arityText(b),
      actual,
      verb: actual === 1 ? 'was' : 'were',
    });
    return { ev: () => null, type: 'any' } as Compiled;
  };
  let overload: BuiltinOverload | undefined;
  let argv: Compiled[];
  if (args.positional) {
    const candidates = overloadsForCount(b, args.positional.length);
    if (candidates.length === 0) return badCount(args.positional.length);
    overload = candidates[0]!;
    argv = args.positional;
    if (candidates.length === 1) checkTypes(overload, argv, name, node, st);
    if (candidates.length > 1) {
      // Overloads with the same count (e.g. `date(from)` for a string or a date-time) are chosen at run time.
      const list = candidates;
      const usesInput = argv.some((a) => a.usesInput);
      return {
        ev: (s, env) => {
          const values = evalAll(argv, s, env);
          const pick =
            list.find((o) =>
              o.params.every(
                (p, i) =>
                  p.variadic ||
                  i >= values.length ||
                  !('problem' in Object(coerceArgument(p, values[i] as FeelValue))),
              ),
            ) ?? list[0]!;
          return runOverload(pick, name, values, env, invalid);
        },
        type: list.every((o) => o.returns === list[0]!.returns) ? list[0]!.returns : 'any',
        usesInput,
      };
    }
  } else {
    const named = args.named ?? [];
    overload = overloadForNames(
      b,
      named.map((n) => n.name),
    );
    if (!overload) {
      const all = new Set(b.overloads.flatMap((o) => o.params.map((p) => p.name)));
      const unknown = named.find((n) => !all.has(n.name));
      if (unknown) {
        report(st, unknown.node, 'feel.unknown_parameter', {
          name,
          param: unknown.name,
          suggestion: suggestionText(unknown.name, all),
        });
        return { ev: () => null, type: 'any' };
      }
      return badCount(named.length);
    }
    const o = overload;
    argv = o.params.map(
      (p) => named.find((n) => n.name === p.name)?.value ?? { ev: () => null, type: 'Null' as const },
    );
    // Trailing optional parameters that were not named are left out, so the body sees their absence.
    let last = o.params.length;
    while (last > 0 && !named.some((n) => n.name === o.params[last - 1]!.name)) last--;
    argv = argv.slice(0, last);
    checkTypes(o, argv, name, node, st);
  }
  void calleeNode;
  const o = overload;
  const fixed = argv;
  const usesInput = fixed.some((a) => a.usesInput);
  if (fixed.length === 1) {
    const a0 = fixed[0]!.ev;
    return { ev: (s, env) => runOverload(o, name, [a0(s, env)], env, invalid), type: o.returns, usesInput };
  }
  return {
    ev: (s, env) => runOverload(o, name, evalAll(fixed, s, env), env, invalid),
    type: o.returns,
    usesInput,
  };
}

function checkTypes(
  o: BuiltinOverload,
  argv: Compiled[],
  name: string,
  node: SyntaxNode,
  st: CompileState,
): void {
  argv.forEach((a, i) => {
    const p = o.params[Math.min(i, o.params.length - 1)];
    if (!p || p.variadic) return;
    if (!typeAccepts(p.type, a.type)) {
      report(st, node, 'feel.type_mismatch', {
        detail: `\`${name}\` needs ${describeType(p.type)} for \`${p.name}\`, but gets ${describeType(a.type)}.`,
      });
    }
  });
}

/** Invokes any FEEL function value with positional or named arguments. */
export function invokeFunction(
  f: FeelFunction,
  positional: FeelValue[] | null,
  named: Map<string, FeelValue> | null,
  env: EvalEnv,
): FeelValue | undefined {
  if (positional) return f.invoke(positional, env);
  if (!f.params) return undefined;
  for (const k of named!.keys()) if (!f.params.includes(k)) return undefined;
  return f.invoke(
    f.params.map((p) => named!.get(p) ?? null),
    env,
  );
}

nodeCompilers['FunctionInvocation'] = (node, st) => {
  const calleeNode = node.firstChild!;
  const args = compileArgs(node, st);
  if (calleeNode.name === 'SpecialFunctionName') {
    return compileBuiltinCall(nameText(calleeNode, st), node, calleeNode, args, st);
  }
  if (calleeNode.name === 'VariableName') {
    const name = nameText(calleeNode, st);
    const local = st.locals.includes(name) || isKnownName(st, name);
    if (!local && builtins.has(name)) return compileBuiltinCall(name, node, calleeNode, args, st);
    if (!local && st.names !== undefined && st.filterDepth === 0) {
      report(st, calleeNode, 'feel.unknown_function', {
        name,
        suggestion: suggestionText(name, [...builtins.keys(), ...st.locals]),
      });
      return { ev: () => null, type: 'any' };
    }
  }
  const callee = compileNode(calleeNode, st);
  const notFn = warner(calleeNode, 'feel.not_a_function');
  const badArgs = warner(node, 'feel.type_error');
  const calleeText = text(calleeNode, st);
  const limit = warner(node, 'feel.limit');
  return {
    ev: (s, env) => {
      const f = callee.ev(s, env);
      if (!(f instanceof FeelFunction)) return notFn(env, { name: calleeText });
      if (--env.budget < 0)
        return limit(env, { detail: 'The expression calls functions too many times, so it was stopped.' });
      const positional = args.positional ? evalAll(args.positional, s, env) : null;
      const named = args.named ? new Map(args.named.map((a) => [a.name, a.value.ev(s, env)])) : null;
      const r = invokeFunction(f, positional, named, env);
      return r === undefined
        ? badArgs(env, {
            detail: `\`${calleeText}\` does not take these named arguments, so the result is null.`,
          })
        : r;
    },
    type: 'any',
  };
};

nodeCompilers['DateTimeLiteral'] = (node, st) => {
  const ctor = node.getChild('DateTimeConstructor');
  if (!ctor) {
    const at = node.getChild('AtLiteral');
    return at ? compileNode(at, st) : { ev: () => null, type: 'any' };
  }
  return compileBuiltinCall(nameText(ctor, st), node, ctor, compileArgs(node, st), st);
};

nodeCompilers['FunctionDefinition'] = (node, st) => {
  const params = (node.getChild('FormalParameters')?.getChildren('FormalParameter') ?? []).map((p) =>
    nameText(p.getChild('ParameterName') ?? p, st),
  );
  const bodyNode = node.getChild('FunctionBody');
  const body = bodyNode
    ? compileNode(bodyNode, { ...st, locals: [...st.locals, ...params] })
    : { ev: () => null, type: 'any' as const };
  return {
    ev: (s: Scope) =>
      new FeelFunction(params, (args, env) => {
        const vars = new Map<string, FeelValue>();
        for (let i = 0; i < params.length; i++)
          vars.set(params[i]!, (args[i] as FeelValue | undefined) ?? null);
        return body.ev(s.with(vars), env);
      }),
    type: 'function',
  };
};
