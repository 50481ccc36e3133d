/** The table of CLI commands: one import and one entry per command. */
import type { CliCommand } from '../cli-command.js';
import { dmnCheckCommand } from './dmn-check.js';
import { dmnEvalCommand } from './dmn-eval.js';
import { dmnExportCommand } from './dmn-export.js';
import { feelCommand } from './feel.js';
import { migrateCommand } from './migrate.js';
import { seedCommand } from './seed.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';
import { tckCommand } from './tck.js';
import { templatesCommand } from './templates.js';
import { userAddCommand } from './user-add.js';
import { verifyCommand } from './verify.js';
import { workerCommand } from './worker.js';

export const commands: CliCommand[] = [
  migrateCommand,
  seedCommand,
  userAddCommand,
  serveCommand,
  workerCommand,
  verifyCommand,
  tckCommand,
  dmnCheckCommand,
  dmnEvalCommand,
  dmnExportCommand,
  feelCommand,
  simulateCommand,
  templatesCommand,
];
