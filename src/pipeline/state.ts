import {readJsonObject, writeJsonObject} from '../config/json-file.js'

export type UnitStatus = 'pending' | 'submitted' | 'done' | 'failed'
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'blocked'

/** One creation of a step (one per for_each element): its key, and how far it got. */
export interface UnitState {
  index: number
  key: string
  status: UnitStatus
  kind?: 'video' | 'image' | 'audio' | 'music'
  ids?: number[]
  cost?: number
  files?: string[]
  items?: Record<string, unknown>[]
  /** The resolved input (after references), for the report. */
  input?: Record<string, unknown>
  error?: string
  exit_code?: number
}

export interface StepState {
  id: string
  mode: string
  status: StepStatus
  /** Hash of the step's resolved inputs: a changed input makes it a new step. */
  fingerprint?: string
  units?: UnitState[]
  outputs?: Record<string, unknown>
  input?: Record<string, unknown>
  credits?: number
  seconds?: number
  started_at?: string
  finished_at?: string
  error?: string
  exit_code?: number
}

/**
 * The state file of a pipeline run (`pipeline.state.json` in its output folder), written
 * atomically after every change: a rerun after Ctrl-C, SIGTERM, a crash or a reboot reuses what is
 * done and waits for what was submitted instead of sending it again.
 */
export class PipelineState {
  private steps = new Map<string, StepState>()

  constructor(
    readonly file: string,
    readonly pipeline: string,
    private readonly extra: Record<string, unknown> = {},
  ) {
    const stored = readJsonObject(file)
    const list = Array.isArray(stored.steps) ? (stored.steps as StepState[]) : []
    for (const step of list) if (step && typeof step.id === 'string') this.steps.set(step.id, step)
  }

  get(id: string): StepState | undefined {
    return this.steps.get(id)
  }

  set(step: StepState): StepState {
    this.steps.set(step.id, step)
    this.save()
    return step
  }

  update(id: string, patch: Partial<StepState>): StepState {
    return this.set({...(this.steps.get(id) as StepState), ...patch})
  }

  updateUnit(id: string, index: number, patch: Partial<UnitState>): UnitState {
    const step = this.steps.get(id) as StepState
    const units = [...(step.units ?? [])]
    const at = units.findIndex((u) => u.index === index)
    const next = {...units[at], ...patch}
    units[at] = next
    this.set({...step, units})
    return next
  }

  all(): StepState[] {
    return [...this.steps.values()]
  }

  save(): void {
    writeJsonObject(this.file, {
      pipeline: this.pipeline,
      ...this.extra,
      updated_at: new Date().toISOString(),
      steps: this.all(),
    })
  }
}
