/**
 * The palette: every kind in the shared registry, grouped by category. Drag
 * an entry onto the canvas, or click it (or press Enter) to add it in view.
 */
import { type NodeKindSpec, nodeKinds } from '@ledgerflow/shared';
import { categoryLabels } from './kinds/ports.js';

export const PALETTE_MIME = 'application/x-ledgerflow-kind';

export function Palette({ onAdd }: { onAdd(kind: string): void }) {
  const groups = new Map<NodeKindSpec['category'], NodeKindSpec[]>();
  for (const spec of nodeKinds.values())
    groups.set(spec.category, [...(groups.get(spec.category) ?? []), spec]);
  const order = Object.keys(categoryLabels) as NodeKindSpec['category'][];
  return (
    <nav className="palette" aria-label="Steps you can add">
      <h2>Add a step</h2>
      <p className="hint">Drag onto the canvas, or click.</p>
      {order
        .filter((c) => groups.has(c))
        .map((category) => (
          <section key={category} className="palette-group">
            <h3>{categoryLabels[category]}</h3>
            {groups.get(category)!.map((spec) => (
              <button
                key={spec.kind}
                type="button"
                className={`palette-item palette-${spec.category}`}
                draggable
                data-kind={spec.kind}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, spec.kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(spec.kind)}
                title={spec.description}
              >
                <span className="palette-label">{spec.label}</span>
                <span className="palette-description">{spec.description}</span>
              </button>
            ))}
          </section>
        ))}
    </nav>
  );
}
