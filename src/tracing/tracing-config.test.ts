import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { tracingConfigFromEnv } from './tracing-config.ts';

function read(env: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  return { tracing: tracingConfigFromEnv(env, problems), problems };
}

describe('tracing config from the standard OTEL_* variables', () => {
  it('is off unless asked for', () => {
    expect(read({})).toEqual({ tracing: null, problems: [] });
    expect(loadConfig({}).tracing).toBeNull();
  });

  it('exports over OTLP when an endpoint is set, or when OTEL_TRACES_EXPORTER names otlp', () => {
    expect(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({
      exporters: ['otlp'],
    });
    expect(read({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/v1/traces' }).tracing).toEqual({
      exporters: ['otlp'],
    });
    expect(read({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing).toEqual({ exporters: ['otlp'] });
    expect(read({ OTEL_TRACES_EXPORTER: 'console, otlp,console' }).tracing).toEqual({
      exporters: ['console', 'otlp'],
    });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({
      exporters: ['otlp'],
    });
  });

  it('stays off for OTEL_TRACES_EXPORTER=none and OTEL_SDK_DISABLED=true, whatever else is set', () => {
    expect(
      read({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing,
    ).toBeNull();
    expect(read({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }).tracing).toBeNull();
    expect(read({ OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'console' }).tracing).toEqual({
      exporters: ['console'],
    });
  });

  it('lists every problem at once with the rest of the configuration', () => {
    const env = {
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      PORT: 'x',
    };
    expect(read(env).problems).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (got "collector:4318")',
      'OTEL_EXPORTER_OTLP_PROTOCOL: Loupe exports OTLP over HTTP (JSON), so "http/json" or "http/protobuf" with an OTLP/HTTP endpoint (port 4318), not "grpc"',
      'OTEL_TRACES_EXPORTER must list otlp, console, none (got "zipkin")',
    ]);
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(4);
    expect(
      read({
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
        OTEL_TRACES_EXPORTER: 'otlp',
      }).problems,
    ).toEqual([]);
  });
});
