/**
 * The operations section the channels page shows (web/views/operations.ts),
 * filled from the app's operations.
 */
import type { App } from '../../app/build.js';
import { operationsOf } from '../../app/operations.js';
import type { Html } from '../html.js';
import type { PageCtx } from '../views/layout.js';
import { operationsSection } from '../views/operations.js';

export async function channelsOperations(app: App, ctx: PageCtx, flash: string | undefined): Promise<Html> {
  const ops = operationsOf(app);
  return operationsSection(ctx, app.prompts.current(), {
    backlog: await ops.backlog(), backup: ops.backups.status(), readiness: await ops.readiness(), ...(flash ? { flash: flash.slice(0, 300) } : {}),
  });
}
