// When the daemon dies unexpectedly, the extension restarts it a few times, then gives up and
// says so (vscode-languageclient's default error handler: 4 crashes in 3 minutes).

export interface RestartPolicyOptions {
    readonly maxRestarts: number;
    readonly windowMs: number;
}

export class RestartPolicy {
    private crashes: number[] = [];

    constructor(private readonly options: RestartPolicyOptions = { maxRestarts: 4, windowMs: 3 * 60_000 }) {}

    /** Records a crash at `now` (ms) and says whether to restart. */
    onCrash(now: number): 'restart' | 'give-up' {
        this.crashes = this.crashes.filter((t) => now - t < this.options.windowMs);
        this.crashes.push(now);
        return this.crashes.length > this.options.maxRestarts ? 'give-up' : 'restart';
    }

    /** A start the user asked for forgets earlier crashes. */
    reset(): void {
        this.crashes = [];
    }
}
