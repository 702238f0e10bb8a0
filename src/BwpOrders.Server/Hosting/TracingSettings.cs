using System.Diagnostics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// OpenTelemetry traces (configuration section "Telemetry", e.g. <c>Telemetry__OtlpEndpoint=http://collector:4318</c>):
/// ASP.NET Core's request spans, outbound HttpClient spans (webhooks, OAuth, EventBridge), Npgsql's command spans and a
/// span per GraphQL operation (<see cref="OperationTelemetry"/>), exported over OTLP. Off, at no cost, until an
/// endpoint is set.
/// </summary>
public sealed class TracingSettings
{
    /// <summary>The ActivitySource of the GraphQL operation spans.</summary>
    public static readonly ActivitySource Source = new("BwpOrders");

    /// <summary>The collector's base URL (http or https), as OTEL_EXPORTER_OTLP_ENDPOINT; empty turns tracing off.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>http/protobuf</c> (port 4318, the spec's default) or <c>grpc</c> (port 4317).</summary>
    public string OtlpProtocol { get; set; } = "http/protobuf";

    /// <summary>The service.name resource attribute spans carry.</summary>
    public string ServiceName { get; set; } = "bwp-orders";

    public void Check()
    {
        if (OtlpEndpoint.Length > 0 && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new ArgumentException($"Telemetry:OtlpEndpoint must be an http(s) URL such as http://localhost:4318, not '{OtlpEndpoint}'.");
        if (OtlpProtocol is not ("http/protobuf" or "grpc"))
            throw new ArgumentException($"Telemetry:OtlpProtocol must be http/protobuf or grpc, not '{OtlpProtocol}'.");
    }

    public void Apply(WebApplicationBuilder builder)
    {
        if (OtlpEndpoint.Length == 0) return;
        var http = OtlpProtocol == "http/protobuf";
        // Set in code, the endpoint is used as given: the HTTP exporter's path is added here, as the variable would add it.
        var endpoint = http ? new Uri(new Uri(OtlpEndpoint.TrimEnd('/') + "/"), "v1/traces") : new Uri(OtlpEndpoint);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(Source.Name)
                .AddSource("Npgsql") // Npgsql's own ActivitySource: what Npgsql.OpenTelemetry's AddNpgsql() subscribes to
                .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != "/metrics" && http.Request.Path != "/healthz")
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = endpoint;
                    o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                }));
    }
}
