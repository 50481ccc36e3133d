/**
 * HTTP contracts for flows and their versions. The server declares its routes
 * with these schemas (so the OpenAPI document comes from them) and the editor
 * parses responses with them.
 */
import { z } from 'zod';
import { Diagnostic } from '../diagnostic.js';
import { FlowEdge, FlowGraph, FlowNode, InputField } from '../flow-graph.js';
import { TestCases } from '../test-case.js';
import { PublishRequest } from './publication.js';

/** The graph as the editor sends it: the server owns `id` and `version`. */
export const GraphBody = z.object({
  inputs: z.array(InputField).default([]),
  nodes: z.array(FlowNode).max(5000),
  edges: z.array(FlowEdge).max(20000),
  /** Saved simulations with their expected result; versioned with the flow, ignored by the runtime. */
  testCases: TestCases.optional(),
});
export type GraphBody = z.infer<typeof GraphBody>;

export const CreateFlowRequest = z.object({
  name: z.string().trim().min(1, 'Give the flow a name').max(200),
  description: z.string().max(2000).optional(),
  graph: GraphBody,
});
export type CreateFlowRequest = z.infer<typeof CreateFlowRequest>;

export const CreateVersionRequest = z.object({ graph: GraphBody, note: z.string().max(2000).optional() });
export type CreateVersionRequest = z.infer<typeof CreateVersionRequest>;

export const FlowVersionSummary = z.object({
  version: z.number().int().positive(),
  createdAt: z.string(),
  /** sha256 of the canonical graph JSON; the first event of every run records it. */
  graphHash: z.string(),
  /** Who saved it (null for versions saved before users were recorded). */
  createdBy: z.string().nullable(),
  /** The display name of `createdBy` ("Ann Lee", "Ann Lee (API token)"); absent when unknown. */
  createdByName: z.string().optional(),
  /** Why it was saved, as the designer wrote it. */
  note: z.string().nullable(),
});
export type FlowVersionSummary = z.infer<typeof FlowVersionSummary>;

export const FlowSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  latestVersion: z.number().int().positive(),
  /** The version that runs by default; null while the flow is a draft only (runs then use the latest, as a trial). */
  publishedVersion: z.number().int().positive().nullable(),
  updatedAt: z.string(),
});
export type FlowSummary = z.infer<typeof FlowSummary>;

export const FlowDetail = FlowSummary.extend({
  graph: FlowGraph,
  versions: z.array(FlowVersionSummary),
  /** Warnings from validation (errors are refused at save time). */
  diagnostics: z.array(Diagnostic),
  /** Publication requests of any version, newest first. */
  publishRequests: z.array(PublishRequest),
});
export type FlowDetail = z.infer<typeof FlowDetail>;

export const FlowList = z.object({ flows: z.array(FlowSummary) });
export type FlowList = z.infer<typeof FlowList>;

/** One saved version in full, for history and diffs. */
export const FlowVersionDetail = z.object({
  flowId: z.string(),
  version: z.number().int().positive(),
  graph: FlowGraph,
  graphHash: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type FlowVersionDetail = z.infer<typeof FlowVersionDetail>;
