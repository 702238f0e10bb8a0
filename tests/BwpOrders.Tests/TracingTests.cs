using System.Text;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>With Telemetry:OtlpEndpoint set, spans reach the collector over OTLP/HTTP: one per GraphQL operation, named and tagged by it.</summary>
public sealed class TracingTests : FreshStorageTest
{
    [Fact]
    public async Task A_GraphQL_operation_span_reaches_the_OTLP_endpoint_with_its_name_version_and_error_code()
    {
        await using var collector = await WebhookSink.StartAsync();
        await using var server = await ServerProcess.StartAsync(Storage, new Dictionary<string, string>
        {
            ["Telemetry__OtlpEndpoint"] = collector.BaseAddress.ToString(), ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        var setup = new OrderSetup(server.Api, "bp-tracing");

        (await server.Api.Send(setup.Target, ApiClient.V2024_04_01, "query LookForIt { order(orderIdentifier: { orderId: \"missing\" }) { id } }"))
            .AssertError("ResourceNotFoundError");

        // OTLP/HTTP bodies are protobuf, whose strings are plain UTF-8: the span's name and attributes are found as bytes.
        string[] expected = ["query LookForIt", "graphql.operation.name", "LookForIt", "bwp.api.version", "2024-04-01", "bwp.error_codes", "bwp-orders"];
        var exports = await collector.WaitFor("/v1/traces",
            r => r.Any(export => expected.All(text => Encoding.UTF8.GetString(export.Body).Contains(text))), seconds: 30);
        Assert.All(exports, export => Assert.Equal("application/x-protobuf", export.Header("content-type")));
    }
}
