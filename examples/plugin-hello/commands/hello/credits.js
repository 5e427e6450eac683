import {AuthedCommand, Flags} from 'pixverse'

/**
 * `pixverse hello credits`: the account's credits, through the CLI's own API client, so it gets
 * login, --sandbox, --workspace-id, retries, --json and exit codes for free.
 */
export default class HelloCredits extends AuthedCommand {
  static description = 'Print how many credits the account has left (example plugin command).'
  static examples = ['<%= config.bin %> hello credits', '<%= config.bin %> hello credits --json']

  static flags = {
    total: Flags.boolean({description: 'Print only the total.'}),
  }

  // AuthedCommand refuses with exit 3 before any request when nobody is logged in.
  static requiresLogin = true

  async run() {
    const credits = await this.api.get('user/credits')
    const daily = Number(credits?.credit_daily ?? 0)
    const monthly = Number(credits?.credit_monthly ?? 0)
    const bonus = Number(credits?.credit_package ?? 0)
    const total = daily + monthly + bonus
    return this.flags.total ? {total} : {total, daily, monthly, bonus}
  }

  renderHuman(result) {
    return result.daily === undefined
      ? String(result.total)
      : `${result.total} credits (daily ${result.daily}, monthly ${result.monthly}, bonus ${result.bonus})`
  }
}
