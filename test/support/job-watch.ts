/**
 * What tests (and benchmarks) need to know of an engine's jobs that the kiosk itself never asks:
 * every job it holds, and when a job has nothing more to do by itself. Built on the engine's
 * JobObserver, so the engine's public interface carries nothing only tests use.
 */
import type { JobView } from '../../preload/api'
import type { JobObserver } from '../../main/verification/engine'
import { viewOf, type JobRecord } from '../../main/verification/job'

export interface JobWatch {
  /** Hand this to the engine (`observer`). */
  observer: JobObserver
  /** Every job the engine holds, the newest first. */
  list(): JobView[]
  /** Resolves when the job has nothing more to do by itself (ended, or waiting for a capture). */
  settled(jobId: string): Promise<JobView>
}

export function watchJobs(): JobWatch {
  const jobs = new Map<string, { record: JobRecord; resting: boolean }>()
  const waiting = new Map<string, Array<(view: JobView) => void>>()
  return {
    observer: {
      recorded(record, resting) {
        jobs.set(record.jobId, { record, resting })
        if (!resting) return
        for (const resolve of waiting.get(record.jobId)?.splice(0) ?? []) resolve(viewOf(record))
      },
      forgotten(jobId) {
        jobs.delete(jobId)
      }
    },
    list: () =>
      [...jobs.values()]
        .map(({ record }) => record)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map(viewOf),
    settled(jobId) {
      const job = jobs.get(jobId)
      if (!job) return Promise.reject(new Error(`the engine holds no job ${jobId}`))
      if (job.resting) return Promise.resolve(viewOf(job.record))
      return new Promise((resolve) => waiting.set(jobId, [...(waiting.get(jobId) ?? []), resolve]))
    }
  }
}
