/**
 * `pnpm ledgerflow user-add`: creates a user with roles — how the first admin
 * of a production install is made. The password comes from the environment
 * (LEDGERFLOW_NEW_PASSWORD), never the command line (shell history); without
 * it a temporary password is generated and printed once.
 */
import { CreateUserRequest } from '@ledgerflow/shared';
import { createUserRecorded } from '../../auth/create-user.js';
import { createLogger } from '../../logger.js';
import type { CliCommand } from '../cli-command.js';
import { openFromEnv } from '../open-from-env.js';
import { option } from '../parse-args.js';

export const userAddCommand: CliCommand = {
  name: 'user-add',
  summary:
    'Create a user with roles (e.g. the first admin); password from LEDGERFLOW_NEW_PASSWORD or generated',
  usage: 'pnpm ledgerflow user-add --email <email> --name <name> --roles admin[,auditor,…]',
  async run(args, io) {
    const parsed = CreateUserRequest.safeParse({
      email: option(args, '--email'),
      name: option(args, '--name'),
      roles: (option(args, '--roles') ?? '').split(',').filter(Boolean),
      ...(process.env.LEDGERFLOW_NEW_PASSWORD ? { password: process.env.LEDGERFLOW_NEW_PASSWORD } : {}),
    });
    if (!parsed.success) {
      io.err(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
      return 2;
    }
    const database = await openFromEnv(createLogger());
    try {
      await database.migrate();
      const created = await createUserRecorded(database.db, parsed.data, 'system:cli', new Date());
      if ('emailTaken' in created) {
        io.err(`A user with the email ${parsed.data.email} already exists.`);
        return 1;
      }
      io.out(`Created ${created.row.email} (${created.row.roles.join(', ')}).`);
      if (created.temporaryPassword) io.out(`Temporary password (shown once): ${created.temporaryPassword}`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
