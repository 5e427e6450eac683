/**
 * The sandbox's whole state, one JSON file under dataDir, read and written under the lock.
 *
 * Nothing here holds absolute URLs: a later process serves the same state on another port,
 * so responses build URLs from media paths at response time.
 */
import fs from 'node:fs'
import path from 'node:path'
import {withLock, writeFileAtomic} from './lock.js'

export type Kind = 'video' | 'image' | 'audio'

export interface Settings {
  taskSeconds: number
  slots: Record<Kind, number>
  autoApprove: boolean
}

export interface Credits {
  credit_daily: number
  credit_monthly: number
  credit_package: number
}

export interface Task {
  id: number
  kind: Kind
  /** create_mode reported by detail (text_video, image_text, create_image, tts, music, …) */
  mode: string
  endpoint: string
  prompt: string
  model: string
  quality: string
  duration: number
  aspectRatio: string
  width: number
  height: number
  createdAt: number
  durationMs: number
  /** terminal status the task reaches at createdAt + durationMs: 1 done, 7 rejected, 8 failed */
  outcome: 1 | 7 | 8
  cost: number
  offPeak: 0 | 1
  workspaceId: number
  /** the submit body, kept so detail can echo inputs (voice_id, lyrics, template_id…) */
  params: Record<string, unknown>
  deleted?: boolean
  /** set once the credits of a failed or rejected task were given back (a Refund record) */
  refunded?: boolean
}

export interface DeviceGrant {
  userCode: string
  createdAt: number
  expiresAt: number
  interval: number
  approved: boolean
  lastPollAt: number | null
  consumed: boolean
}

export interface StoredObject {
  key: string
  size: number
  contentType: string
  md5: string
  createdAt: number
}

export interface RegisteredMedia {
  id: number
  kind: Kind
  path: string
  name: string
  fileName: string
  size: number
  duration?: number
  createdAt: number
  deleted?: boolean
}

export interface Folder {
  folder_id: number
  name: string
  created_at: number
  items: Array<{asset_id: number; asset_type: number; asset_source: number; added_at: number}>
}

export interface CreditRecord {
  id: number
  acquired_type: number
  credits: number
  created_at: number
  task_id?: number
  mode?: string
  model?: string
  workspace_id: number
}

export interface State {
  version: 1
  settings: Settings
  account: {
    accountId: number
    username: string
    nickname: string
    mail: string
    memberType: number
    activeWorkspaceId: number
    /** Team workspaces the user was removed from (control API); absent in older state files. */
    leftWorkspaces?: number[]
  }
  credits: Credits
  tokens: Record<string, {expiresAt: number; createdAt: number}>
  accessKeys: Record<string, {createdAt: number}>
  devices: Record<string, DeviceGrant>
  sts: Record<string, {secret: string; token: string; expiresAt: number}>
  nextId: number
  tasks: Record<string, Task>
  /** idempotency_key → original Resp and how many times that key was actually charged */
  idempotency: Record<string, {resp: unknown; charges: number; createdAt: number}>
  chargedSubmits: number
  objects: Record<string, StoredObject>
  media: Record<string, RegisteredMedia>
  folders: Record<string, Folder>
  creditRecords: CreditRecord[]
}

export const DEFAULT_SETTINGS: Settings = {taskSeconds: 8, slots: {video: 5, image: 5, audio: 5}, autoApprove: false}

/** Ids start high like the real service's (12-digit numbers) and only grow. */
const FIRST_ID = 390_000_000_001
export const DEFAULT_FOLDER_ID = 666_666

export function freshState(credits: number, now = Date.now()): State {
  return {
    version: 1,
    settings: structuredClone(DEFAULT_SETTINGS),
    account: {
      accountId: 2_900_000_001,
      username: 'sandbox',
      nickname: 'Sandbox User',
      mail: 'sandbox@example.com',
      memberType: 2,
      activeWorkspaceId: 0,
    },
    // Everything starts as monthly (membership) credits; POST /_sandbox/config can split it.
    credits: {credit_daily: 0, credit_monthly: credits, credit_package: 0},
    tokens: {},
    accessKeys: {},
    devices: {},
    sts: {},
    nextId: FIRST_ID,
    tasks: {},
    idempotency: {},
    chargedSubmits: 0,
    objects: {},
    media: {},
    folders: {[DEFAULT_FOLDER_ID]: {folder_id: DEFAULT_FOLDER_ID, name: 'Default', created_at: now, items: []}},
    creditRecords: [{id: 1, acquired_type: 3, credits, created_at: now, workspace_id: 0}],
  }
}

export class Store {
  readonly stateFile: string
  readonly lockFile: string
  readonly objectsDir: string
  readonly requestLog: string

  constructor(
    readonly dataDir: string,
    private readonly seedCredits: number,
  ) {
    // Owner-only when the sandbox creates it: its session token and request log live here.
    // A --data-dir that already exists is the user's folder and keeps its mode.
    makePrivateDir(dataDir)
    this.stateFile = path.join(dataDir, 'state.json')
    this.lockFile = path.join(dataDir, 'state.lock')
    this.objectsDir = path.join(dataDir, 'objects')
    this.requestLog = path.join(dataDir, 'requests.jsonl')
    makePrivateDir(this.objectsDir)
  }

  private load(): State {
    let text: string
    try {
      text = fs.readFileSync(this.stateFile, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return freshState(this.seedCredits)
      throw error
    }
    return JSON.parse(text) as State
  }

  /** Read-only access under the lock (so a reader never races a half-applied multi-step change). */
  read<T>(fn: (state: State) => T): Promise<T> {
    return withLock(this.lockFile, () => fn(this.load()))
  }

  /** Read-modify-write under the lock; the state is written only if fn returns normally. */
  update<T>(fn: (state: State) => T): Promise<T> {
    return withLock(this.lockFile, () => {
      const state = this.load()
      const result = fn(state)
      writeFileAtomic(this.stateFile, JSON.stringify(state))
      return result
    })
  }

  /** Allocates the next task/media id (caller holds the state). */
  static nextId(state: State): number {
    return state.nextId++
  }
}

/** mkdir -p with 0700 for the folders it creates (set after, since mkdir's mode is masked by the umask). */
export function makePrivateDir(dir: string): void {
  const created = fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  if (created === undefined) return
  const first = path.resolve(created)
  for (let folder = path.resolve(dir); folder.length >= first.length; folder = path.dirname(folder)) {
    fs.chmodSync(folder, 0o700)
    if (folder === first) break
  }
}
