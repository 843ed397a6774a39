#!/usr/bin/env node
// Entry of the `netra-diag` command: runs the built CLI (out/main/cli.js).
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const built = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write('netra-diag is not built yet: run `npm run build` in ' + join(__dirname, '..') + '\n')
  process.exit(2)
}
require(built)
