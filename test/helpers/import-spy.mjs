// Records every module URL the process resolves into $IMPORT_SPY_FILE, to prove that fast paths
// (--help, --version) never load heavy dependencies.
import {register} from 'node:module'

register('./import-spy-hooks.mjs', import.meta.url)
