/**
 * escalation at run time: level 0 gets a task and a timer; each timer that
 * fires adds the next level's task (earlier tasks stay open: anyone in the
 * chain may still act). The first completion leaves by `resolved` and closes
 * the rest; the last level's timer leaves by `exhausted`.
 */
import type { EscalationConfig, RunCommand } from '@ledgerflow/shared';
import { addIsoDuration } from '../time/iso-duration.js';
import { defineRuntimeKind, type NodeOutcome, type StepContext } from './runtime-node-kind.js';

interface EscalationWait extends Record<string, unknown> {
  level: number;
  tasks: string[];
  timerId: string;
  dueAt: string;
}

function openLevel(
  nodeId: string,
  config: EscalationConfig,
  level: number,
  ctx: StepContext,
  tasks: string[],
) {
  const step = config.chain[level]!;
  const taskId = ctx.id(`task-${level}`);
  const timerId = ctx.id(`timer-${level}`);
  const dueAt = addIsoDuration(ctx.at, step.after);
  const wait: EscalationWait = { level, tasks: [...tasks, taskId], timerId, dueAt };
  const commands: RunCommand[] = [
    {
      type: 'create_task',
      id: taskId,
      nodeId,
      title: config.title,
      assignees: step.assignees,
      excluded: [],
      required: 1,
      dueAt,
    },
    { type: 'start_timer', id: timerId, dueAt, nodeId },
  ];
  return { wait, commands };
}

const who = (a: EscalationConfig['chain'][number]['assignees']) =>
  [...a.roles.map((r) => `role ${r}`), ...a.users].join(', ');

export const escalationNode = defineRuntimeKind<EscalationConfig>({
  kind: 'escalation',
  waits: true,
  release(wait, ctx) {
    const { tasks, timerId } = wait as unknown as EscalationWait;
    return [
      { type: 'cancel_timer', id: ctx.id('cancel-run-timer'), timerId },
      ...tasks.map((taskId, i) => ({
        type: 'cancel_task' as const,
        id: ctx.id(`cancel-run-task-${i}`),
        taskId,
      })),
    ];
  },
  execute(node, config, _state, ctx) {
    const { wait, commands } = openLevel(node.id, config, 0, ctx, []);
    return {
      type: 'wait',
      wait,
      commands,
      explanation: `Escalated to ${who(config.chain[0]!.assignees)} until ${wait.dueAt}.`,
      details: { level: 0, dueAt: wait.dueAt },
    };
  },
  resume(node, config, _state, event, ctx): NodeOutcome | null {
    const wait = ctx.wait as EscalationWait | undefined;
    if (!wait) return null;
    if (event.type === 'timer_fired' && event.timerId === wait.timerId) {
      const level = wait.level + 1;
      if (level >= config.chain.length) {
        return {
          type: 'continue',
          port: 'exhausted',
          commands: wait.tasks.map((taskId, i) => ({
            type: 'cancel_task' as const,
            id: ctx.id(`cancel-task-${i}`),
            taskId,
          })),
          explanation: `Nobody acted on "${config.title}" through all ${config.chain.length} level(s).`,
          details: { levels: config.chain.length },
        };
      }
      const opened = openLevel(node.id, config, level, ctx, wait.tasks);
      return {
        type: 'wait',
        wait: opened.wait,
        commands: opened.commands,
        explanation: `No action by ${wait.dueAt}: escalated to level ${level + 1}, ${who(config.chain[level]!.assignees)}.`,
        details: { level, dueAt: opened.wait.dueAt },
      };
    }
    if (event.type !== 'task_completed' || !wait.tasks.includes(event.taskId)) return null;
    const others = wait.tasks.filter((t) => t !== event.taskId);
    return {
      type: 'continue',
      port: 'resolved',
      commands: [
        { type: 'cancel_timer', id: ctx.id('cancel-timer'), timerId: wait.timerId },
        ...others.map((taskId, i) => ({
          type: 'cancel_task' as const,
          id: ctx.id(`close-task-${i}`),
          taskId,
        })),
      ],
      explanation: `${event.by} acted (${event.decision}) at level ${wait.tasks.indexOf(event.taskId) + 1}${event.comment ? `: "${event.comment}"` : ''}.`,
      details: {
        by: event.by,
        decision: event.decision,
        level: wait.tasks.indexOf(event.taskId),
        comment: event.comment ?? null,
      },
    };
  },
});
