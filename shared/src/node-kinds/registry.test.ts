import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nodeKinds } from './registry.js';

const kinds = [...nodeKinds.values()];

describe('node-kind registry', () => {
  it('holds every kind of the engine', () => {
    expect(kinds.map((k) => k.kind).sort()).toEqual(
      [
        'approval',
        'condition',
        'decision',
        'end',
        'escalation',
        'notify',
        'payment_attempt',
        'set',
        'subflow',
        'switch',
        'trigger',
        'wait',
        'wait_for_event',
      ].sort(),
    );
  });

  it.each(kinds.map((k) => [k.kind, k] as const))(
    '%s has what the editor needs to draw and fill it',
    (_, spec) => {
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.description.length).toBeGreaterThan(10);
      expect(['start', 'logic', 'payment', 'people', 'messaging', 'end']).toContain(spec.category);
      const parsed = spec.configSchema.safeParse(spec.defaultConfig);
      if (spec.kind === 'subflow') {
        // A subflow must be pointed at a flow by the designer: its default asks for that choice.
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0]?.message).toBe('Choose a flow');
        return;
      }
      expect(parsed.success).toBe(true);
      const ports = spec.ports(parsed.data);
      expect(new Set(ports.map((p) => p.id)).size).toBe(ports.length);
    },
  );

  it.each([
    ['approval', ['approved', 'rejected', 'timed_out']],
    ['payment_attempt', ['succeeded', 'soft_failed', 'hard_failed']],
    ['wait_for_event', ['received', 'timed_out']],
  ])('%s requires all of %j to be wired', (kind, ports) => {
    const spec = nodeKinds.get(kind)!;
    const config = spec.configSchema.parse(spec.defaultConfig);
    expect(
      spec
        .ports(config)
        .filter((p) => p.required)
        .map((p) => p.id),
    ).toEqual(ports);
  });

  it.each(kinds.map((k) => [k.kind, k] as const))('%s config has a JSON Schema for forms', (_, spec) => {
    const schema = z.toJSONSchema(spec.configSchema, { io: 'input', unrepresentable: 'any' }) as {
      type?: string;
      anyOf?: unknown;
      oneOf?: unknown;
    };
    expect(schema.type === 'object' || schema.anyOf !== undefined || schema.oneOf !== undefined).toBe(true);
  });

  it('gives a switch one port per case plus default', () => {
    const spec = nodeKinds.get('switch')!;
    const config = spec.configSchema.parse({
      cases: [
        { id: 'eu', label: 'EU', expression: 'true' },
        { id: 'us', label: 'US', expression: 'false' },
      ],
    });
    expect(spec.ports(config).map((p) => p.id)).toEqual(['eu', 'us', 'default']);
  });
});
