/**
 * `plazo admin bootstrap`: the operator's way in on a new deployment. It talks to Postgres directly
 * (DATABASE_URL), not to the API, because no one holds a token yet; it migrates the schema first, so it
 * works before the API has ever started. The token is printed once.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { loadEnv } from '../../config/env';
import { DomainInputError } from '../../domain';
import { NewUserBodySchema } from '../../app/userSchemas';
import { bootstrapAdminAt } from '../../app/people/adminBootstrap';
import { checkBody } from './apiClient';
import { printJson, type CliIo } from './io';
import { registerListsCommand } from './listsCommand';

const BootstrapOptionsSchema = NewUserBodySchema.pick({ id: true, name: true, email: true, language: true }).extend({
  label: z.string().trim().min(1, { message: 'is required' }).max(100).default('bootstrap'),
});

export function registerAdminCommand(program: Command, io: CliIo): void {
  const admin = program.command('admin').description("operator commands that talk to the database (DATABASE_URL), not to the API");
  registerListsCommand(admin, io);

  admin
    .command('bootstrap')
    .description('create the first admin (or let a locked-out one back in) and print an API token once')
    .requiredOption('--email <email>', "the admin's email")
    .requiredOption('--name <name>', "the admin's name")
    .option('--id <id>', 'user id (default: adm-<the email before @>)')
    .option('--language <es|en>', 'language of pages and messages (default es)')
    .option('--label <label>', 'what the token is for (default bootstrap)')
    .option('--json', 'print { userId, created, token, tokenId }')
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const input = checkBody(BootstrapOptionsSchema, { email: o.email, name: o.name, id: o.id, language: o.language, label: o.label });
      const url = loadEnv().DATABASE_URL;
      if (!url) throw new DomainInputError('DATABASE_URL', 'is not set: point it at the Postgres server of the deployment');
      const done = await bootstrapAdminAt(url, input);
      if (o.json) return printJson(io, done);
      io.out(
        [
          `admin:  ${done.userId}${done.created ? ' (created)' : ' (existing admin, reactivated)'}`,
          `token:  ${done.token}`,
          '',
          'This token is shown once: Plazo stores only its SHA-256 hash. Log in at /login with it, then add',
          'people and issue their tokens at /admin/users (or POST /api/users). Keep it out of shell history.',
        ].join('\n'),
      );
    });
}
