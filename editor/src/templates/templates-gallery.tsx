/**
 * The templates gallery: every flow template the runtime ships, with what it
 * does in a sentence. Choosing one opens it as a new, unsaved flow (with its
 * sample input ready in the Run tab); nothing is saved until the user saves.
 */
import { type FlowTemplate, templates } from '@ledgerflow/runtime';
import { nodeKind } from '@ledgerflow/shared';
import { useNavigate } from 'react-router';
import { runInputKey } from '../designer/run-input.js';
import { hasDraft, saveDraft } from '../graph/draft-storage.js';

export function startFromTemplate(template: FlowTemplate): boolean {
  if (
    hasDraft(null) &&
    !window.confirm('Starting from a template replaces the new flow you have not saved yet. Continue?')
  ) {
    return false;
  }
  const graph = structuredClone(template.graph);
  saveDraft(null, {
    graph: { ...graph, id: 'draft', version: 0 },
    baseVersion: 0,
    savedAt: new Date().toISOString(),
  });
  try {
    localStorage.setItem(runInputKey(null), JSON.stringify(template.sampleInput, null, 2));
  } catch {
    // The sample input is a convenience; the flow itself is already kept.
  }
  return true;
}

export function TemplatesGallery() {
  const navigate = useNavigate();
  return (
    <section className="templates" aria-labelledby="templates-title">
      <h2 id="templates-title">Start from a template</h2>
      <p className="muted">
        Complete, tested flows for common finance processes. Open one, adjust it, then save it as your own.
      </p>
      <ul className="template-grid">
        {templates.map((t) => {
          const kinds = [...new Set(t.graph.nodes.map((n) => nodeKind(n.kind)?.label ?? n.kind))];
          return (
            <li key={t.id} className="template-card">
              <h3>{t.title}</h3>
              <p>{t.description}</p>
              <p className="hint">
                {t.graph.nodes.length} steps · {kinds.slice(0, 5).join(', ')}
                {kinds.length > 5 ? '…' : ''}
              </p>
              <button
                type="button"
                onClick={() => {
                  if (startFromTemplate(t)) navigate('/flows/new', { state: { fromTemplate: t.id } });
                }}
                aria-label={`Use the ${t.title} template`}
              >
                Use this template
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
