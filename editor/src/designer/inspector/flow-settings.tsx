/**
 * Shown when no step is selected: the flow's name and the input fields a run
 * receives (what conditions can ask about).
 */
import type { FieldType, FlowGraph, InputField } from '@ledgerflow/shared';
import type { GraphChange } from '../../graph/graph-change.js';
import { FieldError } from './field-error.js';

const fieldTypes: { value: FieldType; label: string }[] = [
  { value: 'number', label: 'Number' },
  { value: 'string', label: 'Text' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'date', label: 'Date' },
  { value: 'datetime', label: 'Date and time' },
  { value: 'object', label: 'Group of fields' },
  { value: 'list', label: 'List' },
];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function FlowSettings(props: {
  graph: FlowGraph;
  nameEditable: boolean;
  commit(changes: GraphChange[], coalesceKey?: string): void;
}) {
  const { graph, commit } = props;
  const setInputs = (inputs: InputField[], key: string) => commit([{ type: 'set_inputs', inputs }], key);
  const update = (i: number, patch: Partial<InputField>, key: string) =>
    setInputs(
      graph.inputs.map((f, j) => (j === i ? { ...f, ...patch } : f)),
      `inputs.${i}.${key}`,
    );
  const names = graph.inputs.map((f) => f.name);

  return (
    <section className="inspector" aria-label="Flow settings">
      <header className="inspector-header">
        <div className="inspector-kind">Flow</div>
        <p className="hint">Select a step on the canvas to change it. Here you set up the flow itself.</p>
      </header>
      <div className="form-field">
        <label htmlFor="flow-name">Flow name</label>
        <input
          id="flow-name"
          value={graph.name}
          readOnly={!props.nameEditable}
          maxLength={200}
          onChange={(e) => commit([{ type: 'set_name', name: e.target.value }], 'flow-name')}
        />
        {!props.nameEditable && <p className="hint">The name is fixed once the flow is saved.</p>}
        <FieldError messages={graph.name.trim() ? [] : ['Give the flow a name.']} />
      </div>
      <fieldset className="form-group">
        <legend>Input fields</legend>
        <p className="hint">
          The data each run receives, e.g. amount or days_overdue. Conditions can ask about them.
        </p>
        {graph.inputs.length === 0 && <p className="muted">No input fields yet.</p>}
        <ul className="input-fields">
          {graph.inputs.map((field, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fields are edited in place; position is identity
            <li key={i} className="input-field-row">
              <input
                aria-label={`Field ${i + 1} name`}
                value={field.name}
                placeholder="field_name"
                onChange={(e) => update(i, { name: e.target.value }, 'name')}
              />
              <select
                aria-label={`Field ${i + 1} type`}
                value={field.type}
                onChange={(e) => update(i, { type: e.target.value as FieldType }, 'type')}
              >
                {fieldTypes.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  checked={field.required === true}
                  onChange={(e) => update(i, { required: e.target.checked }, 'required')}
                />
                required
              </label>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove field ${field.name || i + 1}`}
                onClick={() =>
                  setInputs(
                    graph.inputs.filter((_, j) => j !== i),
                    `inputs.remove.${i}`,
                  )
                }
              >
                ×
              </button>
              <FieldError
                messages={[
                  ...(NAME.test(field.name)
                    ? []
                    : ['Use letters, digits and _ only, starting with a letter.']),
                  ...(names.indexOf(field.name) !== i ? ['This name is used twice.'] : []),
                ]}
              />
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() =>
            setInputs(
              [...graph.inputs, { name: `field_${graph.inputs.length + 1}`, type: 'number' }],
              'inputs.add',
            )
          }
        >
          + Add input field
        </button>
      </fieldset>
    </section>
  );
}
