/**
 * The inspector form for any kind without a hand-made one, generated from its
 * config schema (zod → JSON Schema). Objects become groups, `oneOf` variants a
 * drop-down, arrays ordered lists with add / remove / move, enums drop-downs,
 * durations "3 days" pickers, FEEL strings expression fields; anything else a
 * JSON box that refuses invalid JSON instead of losing it.
 */
import type { Diagnostic } from '@ledgerflow/shared';
import { nodeKind } from '@ledgerflow/shared';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import type { ConfigFormProps } from './config-form-props.js';
import { DurationInput } from './duration-input.js';
import { FeelField } from './feel-field.js';
import { FieldError } from './field-error.js';
import {
  defaultFor,
  discriminatorOf,
  isDuration,
  isFeel,
  type JsonSchema,
  newItem,
  switchVariant,
  typeOf,
  variantIndex,
} from './json-schema.js';

export function humanize(name: string): string {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

function schemaOf(kind: string): JsonSchema | undefined {
  const spec = nodeKind(kind);
  if (!spec) return undefined;
  try {
    return z.toJSONSchema(spec.configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return undefined;
  }
}

type Path = (string | number)[];

interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  path: Path;
  label: string;
  required: boolean;
  /** Diagnostics whose path starts with `path` (relative to the config). */
  diagnostics: Diagnostic[];
  onChange(value: unknown, key: string): void;
  ctx: Pick<ConfigFormProps, 'graph' | 'nodeId'>;
}

const under = (diagnostics: Diagnostic[], path: Path) =>
  diagnostics.filter((d) => path.every((p, i) => d.path?.[i] === p));
const exactly = (diagnostics: Diagnostic[], path: Path) =>
  under(diagnostics, path)
    .filter((d) => (d.path?.length ?? 0) === path.length)
    .map((d) => d.message);
const keyOf = (path: Path) => path.join('.');
const idOf = (ctx: FieldProps['ctx'], path: Path) => `cfg-${ctx.nodeId}-${keyOf(path) || 'root'}`;

export function SchemaForm({ kind, ...props }: ConfigFormProps & { kind: string }) {
  const schema = useMemo(() => schemaOf(kind), [kind]);
  if (!schema)
    return (
      <JsonValueField
        id={`cfg-${props.nodeId}`}
        label="Settings"
        value={props.config}
        errors={props.diagnostics.map((d) => d.message)}
        onChange={(v) => props.onChange(v, 'json')}
      />
    );
  if (typeOf(schema) === 'object' && Object.keys(schema.properties ?? {}).length === 0)
    return <p className="hint">This step has no settings.</p>;
  return (
    <div className="schema-form">
      <SchemaField
        schema={schema}
        value={props.config}
        path={[]}
        label="Settings"
        required
        diagnostics={props.diagnostics}
        onChange={(v, key) => props.onChange(v, key)}
        ctx={{ graph: props.graph, nodeId: props.nodeId }}
      />
    </div>
  );
}

function SchemaField(p: FieldProps) {
  const variants = p.schema.oneOf ?? p.schema.anyOf;
  if (variants?.every((v) => typeOf(v) === 'object')) return <VariantField {...p} variants={variants} />;
  const type = typeOf(p.schema);
  if (type === 'object' && p.schema.properties) return <ObjectField {...p} />;
  if (type === 'array' && p.schema.items) return <ArrayField {...p} />;
  return <ScalarField {...p} />;
}

function ObjectField(p: FieldProps) {
  const value = (p.value ?? {}) as Record<string, unknown>;
  const fields = Object.entries(p.schema.properties ?? {}).filter(([, s]) => s.const === undefined);
  const body = fields.map(([name, schema]) => (
    <SchemaField
      key={name}
      schema={schema}
      value={value[name]}
      path={[...p.path, name]}
      label={schema.title ?? humanize(name)}
      required={p.schema.required?.includes(name) ?? false}
      diagnostics={under(p.diagnostics, [...p.path, name])}
      onChange={(v, key) => p.onChange({ ...value, [name]: v }, key)}
      ctx={p.ctx}
    />
  ));
  if (p.path.length === 0) return <>{body}</>;
  // An optional group stays folded away until the user asks for it.
  if (!p.required && p.value === undefined && typeof p.path.at(-1) === 'string') {
    return (
      <div className="form-field">
        <button
          type="button"
          className="optional-add"
          onClick={() => p.onChange(defaultFor(p.schema), keyOf(p.path))}
        >
          + Add {p.label.toLowerCase()} (optional)
        </button>
      </div>
    );
  }
  return (
    <fieldset className="form-group">
      <legend>{p.label}</legend>
      {!p.required && typeof p.path.at(-1) === 'string' && (
        <button
          type="button"
          className="link-button optional-remove"
          onClick={() => p.onChange(undefined, keyOf(p.path))}
        >
          Remove {p.label.toLowerCase()}
        </button>
      )}
      {body}
      <FieldError messages={exactly(p.diagnostics, p.path)} />
    </fieldset>
  );
}

function VariantField(p: FieldProps & { variants: JsonSchema[] }) {
  const key = discriminatorOf(p.variants);
  if (!key)
    return (
      <JsonValueField
        id={idOf(p.ctx, p.path)}
        label={p.label}
        value={p.value}
        errors={p.diagnostics.map((d) => d.message)}
        onChange={(v) => p.onChange(v, keyOf(p.path))}
      />
    );
  const index = variantIndex(p.variants, key, p.value);
  const chosen = p.variants[index]!;
  const id = idOf(p.ctx, [...p.path, key]);
  return (
    <>
      <div className="form-field">
        <label htmlFor={id}>{humanize(key)}</label>
        <select
          id={id}
          value={index}
          onChange={(e) =>
            p.onChange(switchVariant(p.value, p.variants[Number(e.target.value)]!), keyOf([...p.path, key]))
          }
        >
          {p.variants.map((v, i) => (
            <option key={String(v.properties?.[key]?.const)} value={i}>
              {humanize(String(v.properties?.[key]?.const))}
            </option>
          ))}
        </select>
      </div>
      <ObjectField
        {...p}
        schema={chosen}
        value={{ ...((p.value ?? {}) as object), [key]: chosen.properties?.[key]?.const }}
      />
    </>
  );
}

function ArrayField(p: FieldProps) {
  const items = p.schema.items!;
  const list = Array.isArray(p.value) ? p.value : [];
  if (typeOf(items) !== 'object') return <ListOfScalars {...p} list={list} items={items} />;
  const singular = p.label.replace(/s$/, '').toLowerCase();
  const change = (next: unknown[], what: string) => p.onChange(next, `${keyOf(p.path)}.${what}`);
  const move = (from: number, to: number) => {
    const next = list.slice();
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    change(next, `move.${from}.${to}`);
  };
  return (
    <fieldset className="form-group">
      <legend>{p.label}</legend>
      {list.length === 0 && <p className="muted">None yet.</p>}
      <ol className="schema-list">
        {list.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are edited in place; position is identity
          <li key={i} className="schema-list-item">
            <div className="schema-list-tools">
              <span className="schema-list-number">
                {humanize(singular)} {i + 1}
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${singular} ${i + 1} up`}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${singular} ${i + 1} down`}
                disabled={i === list.length - 1}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${singular} ${i + 1}`}
                disabled={list.length <= (p.schema.minItems ?? 0)}
                onClick={() =>
                  change(
                    list.filter((_, j) => j !== i),
                    `remove.${i}`,
                  )
                }
              >
                ×
              </button>
            </div>
            <ObjectField
              {...p}
              schema={items}
              value={item}
              path={[...p.path, i]}
              label=""
              diagnostics={under(p.diagnostics, [...p.path, i])}
              onChange={(v, key) =>
                p.onChange(
                  list.map((x, j) => (j === i ? v : x)),
                  key,
                )
              }
            />
          </li>
        ))}
      </ol>
      <FieldError messages={exactly(p.diagnostics, p.path)} />
      <button
        type="button"
        onClick={() =>
          change([...list, newItem(items, list, singular.replace(/\W+/g, '_') || 'item')], 'add')
        }
      >
        + Add {singular}
      </button>
    </fieldset>
  );
}

/** A list of short values (roles, weekdays) typed as one comma-separated line. */
function ListOfScalars(p: FieldProps & { list: unknown[]; items: JsonSchema }) {
  const numeric = typeOf(p.items) === 'integer' || typeOf(p.items) === 'number';
  const id = idOf(p.ctx, p.path);
  const [text, setText] = useState(() => p.list.join(', '));
  return (
    <div className="form-field">
      <label htmlFor={id}>{p.label}</label>
      <input
        id={id}
        value={text}
        placeholder="separate with commas"
        onChange={(e) => {
          setText(e.target.value);
          const parts = e.target.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          p.onChange(numeric ? parts.map(Number).filter((n) => Number.isFinite(n)) : parts, keyOf(p.path));
        }}
      />
      <p className="hint">Separate several with commas.</p>
      <FieldError messages={p.diagnostics.map((d) => d.message)} />
    </div>
  );
}

function ScalarField(p: FieldProps) {
  const id = idOf(p.ctx, p.path);
  const type = typeOf(p.schema);
  const key = keyOf(p.path);
  const errors = p.diagnostics.map((d) => d.message);
  if (isFeel(p.schema))
    return (
      <FeelField
        id={id}
        label={p.label}
        value={typeof p.value === 'string' ? p.value : ''}
        graph={p.ctx.graph}
        diagnostics={p.diagnostics}
        onChange={(v) => p.onChange(v, key)}
      />
    );
  let control: React.ReactNode;
  if (p.schema.enum) {
    control = (
      <select
        id={id}
        value={String(p.value ?? p.schema.default ?? '')}
        onChange={(e) => p.onChange(e.target.value, key)}
      >
        {p.schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {humanize(String(option))}
          </option>
        ))}
      </select>
    );
  } else if (type === 'boolean') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={p.value === true}
        onChange={(e) => p.onChange(e.target.checked, key)}
      />
    );
  } else if (type === 'number' || type === 'integer') {
    control = (
      <input
        id={id}
        type="number"
        min={p.schema.minimum}
        max={p.schema.maximum}
        step={type === 'integer' ? 1 : 'any'}
        value={typeof p.value === 'number' ? p.value : ''}
        onChange={(e) => p.onChange(e.target.value === '' ? undefined : Number(e.target.value), key)}
      />
    );
  } else if (type === 'string' && isDuration(p.schema)) {
    control = (
      <DurationInput
        id={id}
        value={typeof p.value === 'string' ? p.value : ''}
        onChange={(v) => p.onChange(v, key)}
      />
    );
  } else if (type === 'string') {
    const long = (p.schema.maxLength ?? 0) > 300;
    control = long ? (
      <textarea
        id={id}
        rows={4}
        value={typeof p.value === 'string' ? p.value : ''}
        onChange={(e) => p.onChange(e.target.value, key)}
      />
    ) : (
      <input
        id={id}
        value={typeof p.value === 'string' ? p.value : ''}
        onChange={(e) => p.onChange(e.target.value, key)}
      />
    );
  } else {
    return (
      <JsonValueField
        id={id}
        label={p.label}
        value={p.value}
        errors={errors}
        onChange={(v) => p.onChange(v, key)}
      />
    );
  }
  return (
    <div className={type === 'boolean' ? 'form-field form-field-check' : 'form-field'}>
      {/* The star is drawn by CSS so the field's accessible name stays just its label. */}
      <label htmlFor={id} className={p.required && type !== 'boolean' ? 'is-required' : undefined}>
        {p.label}
      </label>
      {control}
      {p.schema.description && <p className="hint">{p.schema.description}</p>}
      <FieldError messages={errors} />
    </div>
  );
}

function JsonValueField(p: {
  id: string;
  label: string;
  value: unknown;
  errors: string[];
  onChange(v: unknown): void;
}) {
  const [text, setText] = useState(() => JSON.stringify(p.value ?? null, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <div className="form-field">
      <label htmlFor={p.id}>{p.label} (JSON)</label>
      <textarea
        id={p.id}
        className="code"
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          try {
            p.onChange(JSON.parse(text));
            setParseError(null);
          } catch (e) {
            setParseError(
              `Not valid JSON yet: ${(e as Error).message}. Your text is kept; fix it and click away.`,
            );
          }
        }}
      />
      <FieldError messages={parseError ? [parseError, ...p.errors] : p.errors} />
    </div>
  );
}
