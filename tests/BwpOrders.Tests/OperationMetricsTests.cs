using System.Globalization;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>/metrics</c> counts GraphQL requests by version, type, root field and outcome, their latency, and errors by code;
/// a request refused before validation is counted without field names (they are the caller's words until validated).
/// </summary>
public sealed class OperationMetricsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<Dictionary<string, double>> Scrape()
    {
        var text = await server.Api.Http.GetStringAsync("/metrics");
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var space = line.LastIndexOf(' ');
            // Every sample line parses as "name{labels} value": Prometheus text format.
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return samples;
    }

    private static double Delta(Dictionary<string, double> before, Dictionary<string, double> after, string sample) =>
        after.GetValueOrDefault(sample) - before.GetValueOrDefault(sample);

    [Fact]
    public async Task Operations_latency_and_error_codes_move_with_requests()
    {
        var setup = new OrderSetup(server.Api, "bp-metrics-" + Guid.NewGuid());
        var before = await Scrape();

        await setup.Create();
        await setup.Create();
        (await server.Api.Send(setup.Target, ApiClient.V2024_01_01, "{ order(orderIdentifier: { orderId: \"missing\" }) { id } }")).AssertError("ResourceNotFoundError");
        (await server.Api.Send(setup.Target, null, "{ orderz(secret: \"value\") { id } }")).AssertError("ValidationError");

        var after = await Scrape();
        Assert.Equal(2, Delta(before, after, """bwp_graphql_operations_total{version="2024-11-01",type="mutation",field="createOrder",outcome="ok"}"""));
        Assert.Equal(2, Delta(before, after, """bwp_graphql_operation_duration_seconds_count{version="2024-11-01",field="createOrder"}"""));
        Assert.Equal(1, Delta(before, after, """bwp_graphql_operations_total{version="2024-01-01",type="query",field="order",outcome="error"}"""));
        Assert.Equal(1, Delta(before, after, """bwp_graphql_operations_total{version="2024-11-01",type="query",field="none",outcome="refused"}"""));
        Assert.Equal(1, Delta(before, after, """bwp_graphql_errors_total{version="2024-11-01",code="FieldsOnCorrectType"}"""));
        Assert.DoesNotContain(after.Keys, k => k.Contains("orderz") || k.Contains("value"));
    }

    [Fact]
    public async Task A_delivered_event_counts_its_attempt_and_its_lag()
    {
        await using var sink = await WebhookSink.StartAsync();
        var setup = new OrderSetup(server.Api, "bp-metrics-" + Guid.NewGuid());
        await new EventSubscriber(server.Api, setup.Target).Webhook("ORDER_CONFIRMED", sink.Url("/hooks/metrics"));
        var before = await Scrape();

        await setup.Create();
        await sink.WaitFor("/hooks/metrics", r => r.Count == 1);

        const string delivered = """bwp_event_delivery_attempts_total{destination="webhook",outcome="delivered"}""";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var after = await Scrape();
        // The attempt is counted once the endpoint's answer is read, just after the sink has the request.
        while (Delta(before, after, delivered) < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            after = await Scrape();
        }
        Assert.Equal(1, Delta(before, after, delivered));
        Assert.Equal(1, Delta(before, after, "bwp_event_delivery_lag_seconds_count"));
        Assert.Equal(1, Delta(before, after, """bwp_event_delivery_attempt_duration_seconds_count{destination="webhook"}"""));
    }
}

/// <summary><c>/metrics</c> shows what waits to be sent: the outbox's depth and the pending deliveries.</summary>
public sealed class EventBacklogMetricsTests
{
    /// <summary>A process that records events but never fans them out: everything it records stays in the outbox.</summary>
    public sealed class NotDelivering() : ServerFixtureWith([.. ServerFixture.HighRateLimits, "--Events:Deliver=false"]);

    public sealed class Outbox(NotDelivering fixture) : IClassFixture<NotDelivering>
    {
        [Fact]
        public async Task The_outbox_depth_counts_events_not_yet_fanned_out()
        {
            var server = fixture.Server;
            var setup = new OrderSetup(server.Api, "bp-backlog-" + Guid.NewGuid());
            var before = await Metrics.Read(server.Api.Http, "bwp_event_outbox_depth");

            var order = await setup.Create();

            var recorded = (await server.Store.ReadOutboxAsync(setup.Target, order.Id)).Count;
            Assert.True(recorded > 0);
            Assert.Equal(before + recorded, await Metrics.Read(server.Api.Http, "bwp_event_outbox_depth"));
            Assert.Equal(0, await Metrics.Read(server.Api.Http, "bwp_event_deliveries_pending"));
        }
    }

    /// <summary>Retries after a second, not ten.</summary>
    public sealed class QuickRetries() : ServerFixtureWith([.. ServerFixture.HighRateLimits, "--Events:RetryDelays=1s"]);

    public sealed class Pending(QuickRetries fixture) : IClassFixture<QuickRetries>
    {
        private ServerFixture Server => fixture.Server;

        [Fact]
        public async Task A_delivery_waiting_for_its_retry_is_pending_until_it_is_delivered()
        {
            await using var sink = await WebhookSink.StartAsync();
            sink.Respond = _ => 500;
            var setup = new OrderSetup(Server.Api, "bp-backlog-" + Guid.NewGuid());
            await new EventSubscriber(Server.Api, setup.Target).Webhook("ORDER_CONFIRMED", sink.Url("/hooks/backlog"));

            await setup.Create();
            await sink.WaitFor("/hooks/backlog", r => r.Count == 1);

            Assert.Equal(1, await Eventually(() => Metrics.Read(Server.Api.Http, "bwp_event_deliveries_pending"), v => v == 1));
            sink.Respond = _ => 200;
            await sink.WaitFor("/hooks/backlog", r => r.Count == 2);
            Assert.Equal(0, await Eventually(() => Metrics.Read(Server.Api.Http, "bwp_event_deliveries_pending"), v => v == 0));
        }

        /// <summary>The value once it satisfies <paramref name="done"/> (an attempt is recorded just after the sink answers), or the last read.</summary>
        private static async Task<double> Eventually(Func<Task<double>> read, Func<double, bool> done)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            var value = await read();
            while (!done(value) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                value = await read();
            }
            return value;
        }
    }
}
