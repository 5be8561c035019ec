/**
 * Pushes events to the renderer (job progress, connectivity). Payloads are parsed with the contract's
 * schema first, for the same reason call results are: only listed fields may leave main.
 */
import type { z } from 'zod'
import { eventContract, type EventContract, type EventName } from '../../preload/api'
import type { Logger } from '../log/logger'

/** Something that can deliver a message to a renderer: a webContents, or the test harness's page. */
export interface EventSink {
  send(channel: string, payload: unknown): void
}

export interface EventPublisher {
  publish<K extends EventName>(name: K, payload: z.input<EventContract[K]['payload']>): void
  /** Adds a receiver; returns a function that removes it. */
  attach(sink: EventSink): () => void
}

export function createEventPublisher(log: Logger): EventPublisher {
  const sinks = new Set<EventSink>()
  const scoped = log.child('events')
  return {
    publish(name, payload) {
      const spec = eventContract[name]
      const parsed = spec.payload.safeParse(payload)
      if (!parsed.success) {
        scoped.error('event payload outside the contract was not sent', { event: name })
        return
      }
      for (const sink of sinks) {
        try {
          sink.send(spec.channel, parsed.data)
        } catch (error) {
          scoped.warn('could not deliver an event', { event: name, error })
        }
      }
    },
    attach(sink) {
      sinks.add(sink)
      return () => {
        sinks.delete(sink)
      }
    }
  }
}
