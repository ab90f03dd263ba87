/**
 * What the local runtime must undo when it stops, in reverse order of start: close the server,
 * stop DynamoDB Local (so no Java process is left behind), release the lock. Each resource is
 * registered as soon as it exists, so a start that fails half-way undoes exactly what it did.
 */
export interface Cleanup {
  add(name: string, undo: () => unknown): void;
  /** Runs every undo step once, newest first; a failing step is reported and the rest still run. */
  run(): Promise<void>;
}

export function createCleanup(report: (message: string, error: unknown) => void = defaultReport): Cleanup {
  const steps: Array<{ name: string; undo: () => unknown }> = [];
  let running: Promise<void> | undefined;
  return {
    add(name, undo) {
      steps.push({ name, undo });
    },
    run() {
      running ??= (async () => {
        for (const step of steps.reverse()) {
          try {
            await step.undo();
          } catch (error) {
            report(`Could not ${step.name}:`, error);
          }
        }
      })();
      return running;
    },
  };
}

function defaultReport(message: string, error: unknown): void {
  console.error(message, error);
}

/** A repeat this soon is the same Ctrl-C delivered twice (to the process group and relayed by tsx). */
const SAME_SIGNAL_WINDOW_MS = 1_000;

/**
 * Ctrl-C and SIGTERM stop gracefully; another Ctrl-C a moment later exits at once, for when a
 * step hangs.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void): void {
  let firstAt: number | undefined;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (firstAt === undefined) {
        firstAt = Date.now();
        stop(signal);
      } else if (Date.now() - firstAt > SAME_SIGNAL_WINDOW_MS) {
        console.error('Stopping anyway.');
        process.exit(1);
      }
    });
  }
}
