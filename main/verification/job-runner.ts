/**
 * What the engine holds in memory for one job while it works on it, in one object per job: the loop
 * that drives it, how to wake that loop early, its polling so far, and the caller of `prepare` waiting
 * for the SDK keys. None of it is durable: a restart begins each job's runner afresh from its record.
 */
import type { PreparedSession } from '../../preload/api'

export class JobRunner {
  /** The loop driving the job through its steps, while one runs (main/verification/engine.ts). */
  driving: Promise<void> | null = null
  /** Ends the job's current pause early (a capture arrived, staff retried, the network is back). */
  wake: (() => void) | null = null
  /** Polls for the result so far, which pick the next poll's delay. */
  polls = 0
  /**
   * Polling time counted against the result deadline since the start, ahead of the record (which the
   * poll saves only every `pollingSaveEveryMs`); null: the record's.
   */
  pollingMs: number | null = null
  private ready: { resolve(session: PreparedSession): void; reject(error: Error): void } | null = null

  constructor(readonly jobId: string) {}

  /** The promise `prepare` answers with: the SDK keys once the FaceTec process exists. */
  awaitPrepared(): Promise<PreparedSession> {
    return new Promise((resolve, reject) => (this.ready = { resolve, reject }))
  }

  get awaitingPrepared(): boolean {
    return this.ready !== null
  }

  prepared(session: PreparedSession): void {
    const ready = this.ready
    this.ready = null
    ready?.resolve(session)
  }

  notPrepared(error: Error): void {
    const ready = this.ready
    this.ready = null
    ready?.reject(error)
  }

  /** Polling starts over (a result arrived, staff retried). */
  resetPolling(): void {
    this.polls = 0
    this.pollingMs = null
  }
}
