/**
 * Demo flows for the local demo mode, with fixed ids so seeding is
 * idempotent: an existing flow is left as it is (a designer may have edited it).
 * Demo flows are seeded as published: the seed is the system, not a person,
 * so there is no one to review it and the demo looks like a running shop.
 */
import { template } from '@ledgerflow/runtime';
import type { CreateFlowRequest } from '@ledgerflow/shared';
import { eq } from 'drizzle-orm';
import { appendChange } from '../auth/change-log.js';
import { flowVersionSubject } from '../auth/flow-change-log.js';
import type { Db } from '../db/database.js';
import { flows } from '../db/schema/core.js';
import { createFlow } from '../flows/flow-store.js';

export interface DemoFlow {
  id: string;
  request: CreateFlowRequest;
}

export const largeInvoiceTriage: DemoFlow = {
  id: 'flow_demo_large_invoice_triage',
  request: {
    name: 'Large invoice triage',
    description: 'Invoices above 10,000 go to a person; the rest are approved automatically.',
    graph: {
      inputs: [
        {
          name: 'invoice',
          type: 'object',
          required: true,
          fields: [
            {
              name: 'amount',
              type: 'number',
              required: true,
              description: 'Invoice total in the invoice currency',
            },
            { name: 'currency', type: 'string' },
            { name: 'customer', type: 'string' },
          ],
        },
      ],
      nodes: [
        {
          id: 'start',
          kind: 'trigger',
          name: 'Invoice received',
          config: { source: 'manual' },
          position: { x: 0, y: 80 },
        },
        {
          id: 'is_large',
          kind: 'condition',
          name: 'Over 10,000?',
          config: {
            mode: 'rows',
            combinator: 'and',
            rows: [{ field: 'invoice.amount', operator: '>', value: 10000 }],
          },
          position: { x: 260, y: 80 },
        },
        {
          id: 'review',
          kind: 'end',
          name: 'Send to review',
          config: { outcome: 'needs_review' },
          position: { x: 540, y: 0 },
        },
        {
          id: 'auto',
          kind: 'end',
          name: 'Auto-approve',
          config: { outcome: 'approved' },
          position: { x: 540, y: 160 },
        },
      ],
      edges: [
        { id: 'e_start', source: 'start', sourcePort: 'next', target: 'is_large' },
        { id: 'e_large', source: 'is_large', sourcePort: 'true', target: 'review' },
        { id: 'e_small', source: 'is_large', sourcePort: 'false', target: 'auto' },
      ],
    },
  },
};

/** A template from the gallery as a ready, published demo flow. */
function fromTemplate(templateId: string): DemoFlow {
  const t = template(templateId);
  if (!t) throw new Error(`No template ${templateId}`);
  const { inputs, nodes, edges } = t.graph;
  return {
    id: `flow_demo_${templateId.replace(/-/g, '_')}`,
    request: { name: `${t.title} (demo)`, description: t.description, graph: { inputs, nodes, edges } },
  };
}

export const demoFlows: readonly DemoFlow[] = [
  largeInvoiceTriage,
  fromTemplate('card-dunning'),
  fromTemplate('credit-limit-approval'),
];

/** Creates the demo flows that do not exist yet; resolves to the names created. */
export async function seedDemoFlows(db: Db, now: () => Date = () => new Date()): Promise<string[]> {
  const created: string[] = [];
  for (const demo of demoFlows) {
    const [existing] = await db.select({ id: flows.id }).from(flows).where(eq(flows.id, demo.id));
    if (existing) continue;
    await db.transaction(async (tx) => {
      const at = now();
      const flow = await createFlow(tx, demo.request, { now: at, id: demo.id, actor: 'system' });
      await tx.update(flows).set({ publishedVersion: flow.latestVersion }).where(eq(flows.id, flow.id));
      await appendChange(tx, {
        actor: 'system',
        action: 'flow_version.published',
        subjectType: 'flow_version',
        subjectId: flowVersionSubject(flow.id, flow.latestVersion),
        details: { flowId: flow.id, version: flow.latestVersion, name: flow.name, seeded: true },
        at,
      });
    });
    created.push(demo.request.name);
  }
  return created;
}
