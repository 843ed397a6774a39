import { main } from './main'

// The bundle entry of `netra-diag` (see bin/netra-diag.js); everything else lives in main.ts.
void main(process.argv)
