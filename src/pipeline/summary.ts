import {batchExitCode} from '../batch/exit-code.js'
import type {StepOutcome} from './engine.js'

export interface RunSummary {
  steps: number
  completed: number
  failed: number
  blocked: number
  interrupted: number
  resumed: number
  credits_spent: number
  exit_code: number
}

/** Counts, this run's credits and the exit code (the most severe of the failed steps'). */
export function summarise(outcomes: StepOutcome[]): RunSummary {
  const count = (status: StepOutcome['status']) => outcomes.filter((o) => o.status === status).length
  return {
    steps: outcomes.length,
    completed: count('completed'),
    failed: count('failed'),
    blocked: count('blocked'),
    interrupted: count('interrupted'),
    resumed: outcomes.filter((o) => o.resumed).length,
    credits_spent: outcomes.reduce((sum, o) => sum + o.credits_now, 0),
    exit_code: batchExitCode(outcomes.filter((o) => o.status !== 'blocked').map((o) => o.exit_code)),
  }
}
