/**
 * Name lookup at evaluation time. The root frame is the caller's plain
 * object, read lazily (only names the expression uses are converted); inner
 * frames come from `for`, `some`/`every`, function parameters, context
 * literals, filter items and the unary-test input `?`.
 */
import { toFeelValue } from './feel-convert.js';
import { FeelContext, type FeelValue } from './feel-value.js';

export class Scope {
  constructor(
    readonly root: Record<string, unknown>,
    readonly parent: Scope | null = null,
    readonly vars: Map<string, FeelValue> | null = null,
    /** In a filter `list[…]`: the current item, whose fields are names too. */
    readonly item: FeelValue | undefined = undefined,
    /** A frame binding exactly one name (loops, `?`): cheaper than a Map per iteration. */
    readonly oneName: string | undefined = undefined,
    readonly oneValue: FeelValue = null,
  ) {}

  lookup(name: string): FeelValue | undefined {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      if (s.oneName === name) return s.oneValue;
      const v = s.vars?.get(name);
      if (v !== undefined) return v;
      if (s.item !== undefined) {
        if (name === 'item') return s.item;
        if (s.item instanceof FeelContext) {
          const f = s.item.get(name);
          if (f !== undefined) return f;
        }
      }
    }
    return Object.hasOwn(this.root, name) ? toFeelValue(this.root[name]) : undefined;
  }

  with(vars: Map<string, FeelValue>): Scope {
    return new Scope(this.root, this, vars);
  }

  withOne(name: string, value: FeelValue): Scope {
    return new Scope(this.root, this, null, undefined, name, value);
  }

  withItem(item: FeelValue): Scope {
    return new Scope(this.root, this, null, item);
  }
}
