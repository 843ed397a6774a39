/** Environment helpers shared by the backend, the CLI and the UI: URL classification, token-env checks, defaults. */
export { classifyUrl, type UrlClassification, type UrlKind } from './classify-url'
export {
  checkTokenEnvironment,
  expectedEnvsForKind,
  normaliseEnvName,
  type TokenEnvironmentCheck
} from './token-environment-check'
export { DEFAULT_SLA, defaultRetries, withEnvironmentDefaults, type RetryPolicy, type SlaThresholds } from './environment-defaults'
export { urlProblem } from './url-rules'
export { boundHosts, confirmsForeignHosts, foreignHostConfirmation, foreignHosts, type HostedUrls } from './credential-hosts'
