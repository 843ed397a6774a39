import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { AuthMethodSchema } from '../../shared/api/frame-record'
import { runCli } from '../commands/testing/run-cli'
import { k6Script } from './k6-script'
import { testTempDir } from '../../main/testing/temp-dir'

const SLA = { dataProcessingMs: 5000, reportAfterDataMs: 2000, fullAnswerMs: 60000 }

/** Parse as the ES module k6 loads, failing on any syntax error TypeScript's JS parser reports. */
function parseModule(source: string): ts.SourceFile {
  const { diagnostics } = ts.transpileModule(source, { fileName: 'golden-path.k6.js', reportDiagnostics: true, compilerOptions: { allowJs: true, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020 } })
  expect((diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))).toEqual([])
  return ts.createSourceFile('golden-path.k6.js', source, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS)
}

function imports(file: ts.SourceFile): string[] {
  return file.statements.filter(ts.isImportDeclaration).map((node) => (node.moduleSpecifier as ts.StringLiteral).text)
}

describe('k6Script', () => {
  it.each(AuthMethodSchema.options)('is a well-formed k6 module for auth method %s', (authMethod) => {
    const source = k6Script({ wsUrl: 'wss://api.staging.netrasystems.ai/ws', httpBase: 'https://api.staging.netrasystems.ai', authMethod, message: 'Analyse "my" cloud costs', users: 4, timeoutMs: 60_000, sla: SLA })
    const program = parseModule(source)
    expect(imports(program)).toEqual(expect.arrayContaining(['k6/ws', 'k6', 'k6/metrics']))
    const exported = program.statements.filter((node) => ts.getCombinedModifierFlags(node as unknown as ts.Declaration) & ts.ModifierFlags.Export)
    expect(exported.map((node) => (ts.isVariableStatement(node) ? node.declarationList.declarations[0].name.getText() : ts.isFunctionDeclaration(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : '?'))).toEqual(['options', 'default'])
    expect(source).toContain("vus: 4, iterations: 1")
    for (const threshold of ["checks: ['rate==1.0']", "netra_data_processing_ms: ['max<5000']", "netra_report_after_data_ms: ['max<2000']", "netra_answer_ms: ['max<60000']", "netra_foreign_events: ['count==0']"])
      expect(source).toContain(threshold)
    for (const name of ['every run completed', 'all five critical event types in every run', 'every agent_started closed', 'every tool_executing answered', 'data before optimization', 'optimization before actions', 'data request or report present', 'connected (HTTP 101)'])
      expect(source).toContain(`'${name}'`)
    expect(source).toContain('__ENV.NETRA_TOKEN')
  })

  it('puts the token where the auth method says, always from __ENV', () => {
    const script = (authMethod: 'subprotocol' | 'header' | 'query' | 'ticket') =>
      k6Script({ wsUrl: 'ws://h/ws', httpBase: 'http://h', authMethod, message: 'm', users: 1, timeoutMs: 1000, sla: SLA })
    expect(script('subprotocol')).toContain("params.headers['Sec-WebSocket-Protocol'] = 'jwt.' + encoding.b64encode(token, 'rawurl')")
    expect(script('header')).toContain("params.headers['Authorization'] = 'Bearer ' + token")
    expect(script('query')).toContain("'token=' + encodeURIComponent(token)")
    expect(script('ticket')).toContain("HTTP_BASE + '/api/websocket/ticket'")
  })

  it('netra-diag check golden-path --k6 writes the script without connecting, and never the token', async () => {
    const dataDir = testTempDir('netra-k6-')
    const file = join(dataDir, 'golden-path.k6.js')
    const secret = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlciJ9.c2VjcmV0LXNpZ25hdHVyZQ'
    const result = await runCli(['check', 'golden-path', '--env', 'staging', '--users', '5', '--k6', file, '--timeout', '45'], dataDir, { env: { NETRA_DIAG_TOKEN: secret } })
    expect(result.code).toBe(0)
    const source = readFileSync(file, 'utf8')
    parseModule(source)
    expect(source).toContain('"wss://api.staging.netrasystems.ai/ws"')
    expect(source).toContain('vus: 5')
    expect(source).toContain('const TIMEOUT_MS = 45000')
    expect(source).not.toContain(secret)
    expect(source).not.toContain(secret.split('.')[1])
  }, 60_000)
})
