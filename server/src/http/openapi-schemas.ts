/**
 * Documentation twins of the shared schemas that contain the recursive
 * `InputField` (a `z.lazy`, which the OpenAPI generator cannot walk). The
 * twin uses zod 4's getter recursion with a component id, so the document
 * gets a `$ref`. Request bodies are still checked against the real shared
 * `FlowGraph` in the flow store before anything is saved.
 */
import {
  CreateFlowRequest,
  CreateVersionRequest,
  FieldType,
  FlowDetail,
  FlowGraph,
  GraphBody,
} from '@ledgerflow/shared';
import { z } from 'zod';

interface InputFieldShape {
  name: string;
  type: z.infer<typeof FieldType>;
  required?: boolean | undefined;
  description?: string | undefined;
  fields?: InputFieldShape[] | undefined;
}

const InputFieldDoc: z.ZodType<InputFieldShape> = z
  .object({
    name: z.string(),
    type: FieldType,
    required: z.boolean().optional(),
    description: z.string().optional(),
    get fields() {
      return z.array(InputFieldDoc).optional();
    },
  })
  .meta({ id: 'InputField' });

const inputs = z.array(InputFieldDoc).default([]);

export const GraphBodyDoc = GraphBody.extend({ inputs });
export const CreateFlowRequestDoc = CreateFlowRequest.extend({ graph: GraphBodyDoc });
export const CreateVersionRequestDoc = CreateVersionRequest.extend({ graph: GraphBodyDoc });
/** FlowGraph for response documentation (use it instead of FlowGraph in any route's response schema). */
export const FlowGraphDoc = FlowGraph.extend({ inputs });
export const FlowDetailDoc = FlowDetail.extend({ graph: FlowGraphDoc });
