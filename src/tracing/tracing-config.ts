/** Where finished spans go: an OTLP/HTTP collector, or standard output (for a look without one). */
export type SpanExporterKind = 'otlp' | 'console';

/** Tracing as the environment asks for it; `null` in LoupeConfig when tracing is off (the default). */
export interface TracingConfig {
  exporters: SpanExporterKind[];
}

const EXPORTERS = ['otlp', 'console', 'none'];

/**
 * Reads the standard OpenTelemetry variables that decide whether Loupe traces at all, adding any
 * problem to `problems`. Off unless asked for: `OTEL_TRACES_EXPORTER` (otlp, console, none; a comma
 * list), or an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`)
 * with no exporter named. `OTEL_SDK_DISABLED=true` wins over both. The exporter reads the rest of
 * the OTLP variables itself (endpoint, headers, timeout), as every OpenTelemetry SDK does.
 */
export function tracingConfigFromEnv(env: NodeJS.ProcessEnv, problems: string[]): TracingConfig | null {
  const endpoints = ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'].filter((name) =>
    env[name]?.trim(),
  );
  for (const name of endpoints) {
    if (!/^https?:\/\/[^/]+/.test(env[name]!.trim()))
      problems.push(`${name} must be an http(s) URL (got "${env[name]}")`);
  }
  // Loupe's exporter posts JSON over HTTP, which OTLP/HTTP receivers take beside protobuf on the same
  // path; a gRPC endpoint (port 4317) would get nothing it understands.
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const protocol = env[name]?.trim();
    if (protocol && protocol !== 'http/json' && protocol !== 'http/protobuf') {
      problems.push(
        `${name}: Loupe exports OTLP over HTTP (JSON), so "http/json" or "http/protobuf" with an OTLP/HTTP endpoint (port 4318), not "${protocol}"`,
      );
    }
  }
  const named = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const unknown = named.filter((e) => !EXPORTERS.includes(e));
  if (unknown.length > 0)
    problems.push(
      `OTEL_TRACES_EXPORTER must list ${EXPORTERS.join(', ')} (got "${env.OTEL_TRACES_EXPORTER}")`,
    );
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  const exporters =
    named.length === 0
      ? endpoints.length > 0
        ? ['otlp' as const]
        : []
      : named.filter((e): e is SpanExporterKind => e === 'otlp' || e === 'console');
  return exporters.length === 0 || named.includes('none') ? null : { exporters: [...new Set(exporters)] };
}
