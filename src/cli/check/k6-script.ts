import type { ServiceLevels } from '../../shared/diagnosis'
import type { AuthMethod } from '../../shared/api/frame-record'

/** What the k6 script needs to know; never a secret (the token comes from `__ENV.NETRA_TOKEN` at run time). */
export type K6ScriptOptions = {
  wsUrl: string
  httpBase: string | null
  authMethod: AuthMethod
  message: string
  users: number
  timeoutMs: number
  sla: ServiceLevels
}

/**
 * The runtime half of the script: plain ES2015 that k6's goja runs. It normalises the three
 * envelope shapes and the wrappers (PROTOCOL.md §3) the way the app does, and tracks what each
 * run owes: the five types across the run, every agent_started closed, every tool answered.
 */
const RUNTIME = String.raw`
function unwrap(message) {
  let event = message;
  let type = message.type;
  if ((type === 'system_message' || type === 'agent_progress') && message.data && typeof message.data.event === 'string') {
    type = message.data.event;
    event = message.data.payload || message.data;
  }
  const data = event.data && typeof event.data === 'object' ? event.data : event;
  return {
    type: type,
    runId: event.run_id || data.run_id || message.run_id || null,
    userId: event.user_id || data.user_id || message.user_id || null,
    agent: event.agent_name || data.agent_name || message.agent_name || null,
    tool: event.tool_name || data.tool_name || null,
    data: data,
    results: event.results || null
  };
}

function role(name) {
  const n = String(name || '').toLowerCase();
  if (n.indexOf('supervisor') >= 0) return 'supervisor';
  if (n.indexOf('triage') >= 0) return 'triage';
  if (n.indexOf('helper') >= 0) return 'data_helper';
  if (n.indexOf('data') === 0) return 'data';
  if (n.indexOf('optimi') >= 0) return 'optimization';
  if (n.indexOf('action') >= 0) return 'actions';
  if (n.indexOf('report') >= 0) return 'reporting';
  return 'other';
}

function hasKey(value, keys, depth) {
  if (!value || typeof value !== 'object' || depth < 0) return false;
  for (let i = 0; i < keys.length; i++) if (Object.prototype.hasOwnProperty.call(value, keys[i])) return true;
  return Object.keys(value).some(function (key) { return hasKey(value[key], keys, depth - 1); });
}

const CRITICAL = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'];
const ENDS = ['agent_completed', 'agent_error', 'agent_death', 'agent_timeout_failure'];

function newRun() {
  return { types: {}, agents: {}, order: [], dataStart: null, dataEnd: null, reportEnd: null, answered: null, failed: false, output: false };
}

function observe(state, event, now) {
  if (event.type === 'connection_established') { state.userId = event.userId; return; }
  if (!event.runId) return;
  if (state.userId && event.userId && event.userId !== state.userId) { state.foreign++; return; }
  const run = state.runs[event.runId] || (state.runs[event.runId] = newRun());
  run.types[event.type] = true;
  const name = event.agent || '(no agent)';
  const agent = run.agents[name] || (run.agents[name] = { started: false, ended: false, openTools: 0 });
  const r = role(name);
  if (event.type === 'agent_started') {
    agent.started = true;
    if (r !== 'supervisor') run.order.push(r);
    if ((r === 'data' || r === 'data_helper') && run.dataStart === null) run.dataStart = now;
  } else if (event.type === 'tool_executing') agent.openTools++;
  else if (event.type === 'tool_completed' && !agent.ended) agent.openTools = Math.max(0, agent.openTools - 1);
  if (ENDS.indexOf(event.type) >= 0) {
    agent.ended = true;
    if (event.type !== 'agent_completed') run.failed = true;
    if ((r === 'data' || r === 'data_helper') && run.dataEnd === null) run.dataEnd = now;
    if (r === 'reporting' && event.type === 'agent_completed') run.reportEnd = now;
    if (r === 'supervisor' && event.type === 'agent_completed') run.answered = now;
  }
  if ((event.type === 'tool_completed' || event.type === 'agent_completed') &&
      (hasKey(event.data, ['data_request'], 4) || hasKey(event.results, ['data_request'], 4) ||
       (r === 'reporting' && (hasKey(event.data, ['report_content', 'report'], 4) || hasKey(event.results, ['report_content', 'report'], 4)))))
    run.output = true;
}

function settled(state) {
  const ids = Object.keys(state.runs);
  return ids.length > 0 && ids.every(function (id) { const run = state.runs[id]; return run.answered !== null || run.failed; });
}

function verdicts(state) {
  const runs = Object.keys(state.runs).map(function (id) { return state.runs[id]; });
  const all = function (test) { return runs.length > 0 && runs.every(test); };
  const before = function (run, a, b) { const ia = run.order.indexOf(a); const ib = run.order.indexOf(b); return ib < 0 || (ia >= 0 && ia < ib); };
  return {
    'every run completed': all(function (run) { return run.answered !== null && !run.failed; }),
    'all five critical event types in every run': all(function (run) { return CRITICAL.every(function (type) { return run.types[type]; }); }),
    'every agent_started closed': all(function (run) { return Object.keys(run.agents).every(function (n) { const a = run.agents[n]; return !a.started || a.ended; }); }),
    'every tool_executing answered': all(function (run) { return Object.keys(run.agents).every(function (n) { return run.agents[n].openTools === 0; }); }),
    'data before optimization': all(function (run) { return before(run, 'data', 'optimization'); }),
    'optimization before actions': all(function (run) { return before(run, 'optimization', 'actions'); }),
    'data request or report present': runs.some(function (run) { return run.output; }),
    'only this user\'s events': state.foreign === 0
  };
}
`

/** Where the token goes for each auth method (k6 runs it with `NETRA_TOKEN` from the environment). */
function connectCode(method: AuthMethod): string {
  switch (method) {
    case 'subprotocol':
      return `params.headers['Sec-WebSocket-Protocol'] = 'jwt.' + encoding.b64encode(token, 'rawurl');`
    case 'header':
      return `params.headers['Authorization'] = 'Bearer ' + token;`
    case 'query':
      return `url += (url.indexOf('?') >= 0 ? '&' : '?') + 'token=' + encodeURIComponent(token);`
    case 'ticket':
      return [
        `const ticket = http.post(HTTP_BASE + '/api/websocket/ticket', JSON.stringify({ ttl_seconds: 300, single_use: true }),`,
        `  { headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' } });`,
        `check(ticket, { 'ticket issued': function (r) { return r.status === 200; } });`,
        `url += (url.indexOf('?') >= 0 ? '&' : '?') + 'ticket=' + encodeURIComponent(ticket.json('ticket_id'));`
      ].join('\n  ')
    case 'none':
      return '// auth method "none": the token is not sent.'
  }
}

/**
 * The gate's golden-path scenario as a k6 script (`k6/ws`): one VU per user connects with the
 * environment's auth method, sends the message, and turns what arrives into k6 checks (critical
 * events, pipeline order, output, isolation) and thresholds (the service levels, every check).
 */
export function k6Script(options: K6ScriptOptions): string {
  const { sla } = options
  return `// netra-diag check golden-path, as a k6 script. Run: NETRA_TOKEN=… k6 run ${'<this file>'}
// The token is read from the environment at run time; it is never written here.
// NETRA_WS_URL overrides the WebSocket URL below. For N distinct users on distributed runners,
// give each runner its own NETRA_TOKEN.
import ws from 'k6/ws';
import http from 'k6/http';
import encoding from 'k6/encoding';
import { check, fail } from 'k6';
import { Trend, Counter } from 'k6/metrics';

const WS_URL = __ENV.NETRA_WS_URL || ${JSON.stringify(options.wsUrl)};
const HTTP_BASE = __ENV.NETRA_HTTP_BASE || ${JSON.stringify(options.httpBase ?? '')};
const MESSAGE = ${JSON.stringify(options.message)};
const TIMEOUT_MS = ${Math.round(options.timeoutMs)};

const dataProcessing = new Trend('netra_data_processing_ms', true);
const reportAfterData = new Trend('netra_report_after_data_ms', true);
const answer = new Trend('netra_answer_ms', true);
const foreignEvents = new Counter('netra_foreign_events');

export const options = {
  scenarios: {
    golden_path: { executor: 'per-vu-iterations', vus: ${options.users}, iterations: 1, maxDuration: '${Math.ceil(options.timeoutMs / 1000) + 30}s' }
  },
  thresholds: {
    checks: ['rate==1.0'],
    netra_data_processing_ms: ['max<${sla.dataProcessingMs}'],
    netra_report_after_data_ms: ['max<${sla.reportAfterDataMs}'],
    netra_answer_ms: ['max<${sla.fullAnswerMs}'],
    netra_foreign_events: ['count==0']
  }
};
${RUNTIME}
export default function () {
  const token = __ENV.NETRA_TOKEN;
  if (!token && ${JSON.stringify(options.authMethod)} !== 'none') fail('set NETRA_TOKEN to an access token');
  let url = WS_URL;
  const params = { headers: {}, tags: { check: 'golden-path' } };
  ${connectCode(options.authMethod)}
  const state = { userId: null, runs: {}, foreign: 0, sentAt: null };
  const response = ws.connect(url, params, function (socket) {
    socket.on('open', function () {
      state.sentAt = Date.now();
      socket.send(JSON.stringify({ type: 'user_message', payload: { content: MESSAGE, thread_id: null } }));
    });
    socket.on('message', function (text) {
      let message;
      try { message = JSON.parse(text); } catch (e) { return; }
      if (!message || typeof message !== 'object') return;
      observe(state, unwrap(message), Date.now());
      if (settled(state)) socket.close();
    });
    socket.on('error', function (e) { console.error('websocket error: ' + e.error()); });
    socket.setTimeout(function () { socket.close(); }, TIMEOUT_MS);
  });
  check(response, { 'connected (HTTP 101)': function (r) { return r && r.status === 101; } });
  const results = verdicts(state);
  const named = {};
  Object.keys(results).forEach(function (name) { named[name] = function () { return results[name]; }; });
  check(state, named);
  foreignEvents.add(state.foreign);
  Object.keys(state.runs).forEach(function (id) {
    const run = state.runs[id];
    if (run.dataStart !== null && run.dataEnd !== null) dataProcessing.add(run.dataEnd - run.dataStart);
    if (run.dataEnd !== null && run.reportEnd !== null) reportAfterData.add(run.reportEnd - run.dataEnd);
    if (state.sentAt !== null) answer.add((run.answered !== null ? run.answered : Date.now()) - state.sentAt);
  });
}
`
}
