/**
 * The operations section the channels page shows (web/views/operations.ts),
 * filled from the app's operations.
 */
import type { WebHost } from '../host.js';
import type { Html } from '../html.js';
import type { PageCtx } from '../views/layout.js';
import { operationsSection } from '../views/operations.js';

export async function channelsOperations(app: WebHost, ctx: PageCtx, flash: string | undefined): Promise<Html> {
  const ops = app.operations();
  return operationsSection(ctx, app.prompts.current(), {
    backlog: await ops.backlog(), backup: ops.backupStatus(), readiness: await ops.readiness(), ...(flash ? { flash: flash.slice(0, 300) } : {}),
  });
}
