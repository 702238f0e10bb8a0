using BwpOrders.Server.GraphQL;
using Prometheus;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// Per GraphQL request: Prometheus counters and latency by version and root field (both bounded by the schemas),
/// errors by code, and one log line per error with its code and path (never its message, which may quote input).
/// </summary>
public sealed class OperationTelemetry
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private readonly Counter _operations;
    private readonly Histogram _latency;
    private readonly Counter _errors;
    private readonly ILogger<OperationTelemetry> _logger;

    public OperationTelemetry(CollectorRegistry registry, ILogger<OperationTelemetry> logger)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _operations = factory.CreateCounter("bwp_graphql_operations_total",
            "GraphQL requests by API version, operation type, root field and outcome (ok, error or refused before execution).",
            "version", "type", "field", "outcome");
        _latency = factory.CreateHistogram("bwp_graphql_operation_duration_seconds", "Time to answer a GraphQL request, by API version and root field.",
            new HistogramConfiguration { LabelNames = ["version", "field"], Buckets = LatencyBuckets });
        _errors = factory.CreateCounter("bwp_graphql_errors_total", "GraphQL errors answered, by API version and code.", "version", "code");
        _logger = logger;
    }

    /// <summary>A span for one GraphQL request (null unless tracing is on), named and tagged by <see cref="Observe"/>.</summary>
    public static System.Diagnostics.Activity? StartSpan() => TracingSettings.Source.StartActivity("graphql");

    public void Observe(OperationOutcome outcome, System.Diagnostics.Activity? span)
    {
        if (span is not null) Tag(span, outcome);
        var version = outcome.Version ?? "none";
        var outcomeLabel = outcome.Result;
        // A request that never validated has no trustworthy field names: counted once, under "none".
        foreach (var field in outcome.RootFields.Count == 0 ? ["none"] : outcome.RootFields.Distinct())
        {
            _operations.WithLabels(version, outcome.OperationType ?? "none", field, outcomeLabel).Inc();
            _latency.WithLabels(version, field).Observe(outcome.Elapsed.TotalSeconds);
        }
        foreach (var (code, path) in outcome.Errors)
        {
            _errors.WithLabels(version, code).Inc();
            _logger.LogInformation("GraphQL error {Code} at {Path} ({Version} {OperationType}, HTTP {Status})",
                code, path.Length == 0 ? "(request)" : path, version, outcome.OperationType ?? "none", outcome.Status);
        }
    }

    /// <summary>OpenTelemetry's GraphQL conventions (span name "{type} {name}", graphql.operation.*), plus the API version and error codes.</summary>
    private static void Tag(System.Diagnostics.Activity span, OperationOutcome outcome)
    {
        span.DisplayName = outcome.OperationType is null ? "graphql" : $"{outcome.OperationType} {outcome.OperationName}".TrimEnd();
        span.SetTag("graphql.operation.type", outcome.OperationType);
        span.SetTag("graphql.operation.name", outcome.OperationName);
        span.SetTag("bwp.api.version", outcome.Version);
        span.SetTag("bwp.root_fields", outcome.RootFields.Count == 0 ? null : string.Join(",", outcome.RootFields));
        if (outcome.Errors.Count > 0)
        {
            span.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            span.SetTag("bwp.error_codes", string.Join(",", outcome.Errors.Select(e => e.Code).Distinct()));
        }
    }
}
