/**
 * The once-per-deployment jobs (service-level checks, retention, backups and
 * alerts, the prompts watcher) run on one instance at a time: the leader. On
 * SQLite that is always this process; on PostgreSQL the store's advisory lock
 * decides, and when the leader dies another instance takes over at its next
 * look (every LEADER_CHECK_MS).
 */
import type { Logger } from '../core/ports.js';
import type { DatabaseStore } from '../store/index.js';

export interface LeaderJob {
  name: string;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

export interface LeaderElection {
  /** Registers a job; it starts at once when this instance already leads. */
  add(job: LeaderJob): Promise<void>;
  isLeader(): boolean;
  /** Looks now, then every `everyMs`. */
  start(everyMs?: number): Promise<void>;
  /** Stops the jobs (if leading) and gives the lock up. */
  stop(): Promise<void>;
}

export function createLeaderElection(leadership: DatabaseStore['leadership'], logger: Logger): LeaderElection {
  const jobs: LeaderJob[] = [];
  let leading = false;
  let timer: NodeJS.Timeout | undefined;
  let looking: Promise<void> | undefined;

  async function run(job: LeaderJob, what: 'start' | 'stop'): Promise<void> {
    try {
      await job[what]();
    } catch (err) {
      logger.error({ err, job: job.name }, `leader job "${job.name}" failed to ${what}`);
    }
  }

  async function look(): Promise<void> {
    const now = await leadership.tryLead();
    if (now === leading) return;
    leading = now;
    if (now) {
      logger.info({ jobs: jobs.map((j) => j.name) }, 'this instance leads: running the once-per-deployment jobs');
      for (const j of jobs) await run(j, 'start');
    } else {
      logger.warn({ jobs: jobs.map((j) => j.name) }, 'this instance lost the leader lock (database connection lost?); another instance takes the jobs over');
      for (const j of jobs) await run(j, 'stop');
    }
  }
  const lookOnce = () => (looking ??= look().finally(() => { looking = undefined; }));

  return {
    async add(job) {
      jobs.push(job);
      if (leading) await run(job, 'start');
    },
    isLeader: () => leading,
    async start(everyMs = 5_000) {
      await lookOnce();
      clearInterval(timer);
      timer = setInterval(() => void lookOnce(), everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await looking;
      if (leading) for (const j of [...jobs].reverse()) await run(j, 'stop');
      leading = false;
      await leadership.resign();
    },
  };
}
