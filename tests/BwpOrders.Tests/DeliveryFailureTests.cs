using BwpOrders.Domain.Access;
using BwpOrders.Domain.Events;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Every failure while sending is an attempt: recorded, retried on the schedule and FAILED at the end, whatever the
/// failure (a timeout, a profile the rules refuse), with nothing the merchant configured in the server's log lines.
/// </summary>
public sealed class DeliveryFailureTests : FreshStorageTest
{
    [Fact]
    public async Task A_webhook_that_does_not_answer_in_time_is_a_timed_out_attempt_retried_until_the_delivery_has_failed()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.Delay = _ => TimeSpan.FromSeconds(3);
        await using var server = await ServerProcess.StartAsync(Storage, new Dictionary<string, string>
        {
            ["Events__Timeout"] = "00:00:00.300", ["Events__RetryDelays"] = "100ms,100ms",
        });
        var setup = new OrderSetup(server.Api, "bp-" + Guid.NewGuid());
        var events = new EventSubscriber(server.Api, setup.Target);
        await events.Webhook("ORDER_CONFIRMED", sink.Url("/hooks/slow"));

        await setup.Create();
        var failed = await WaitForFailed(server, setup.Target);

        Assert.Equal(["timed out", "timed out", "timed out"], failed["attempts"]!.AsArray().Select(a => (string?)a!["error"]));
    }

    [Fact]
    public async Task A_profile_the_rules_refuse_fails_its_attempts_and_no_log_line_shows_what_the_merchant_configured()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var server = await ServerProcess.StartAsync(Storage, new Dictionary<string, string> { ["Events__RetryDelays"] = "100ms,100ms" });
        var setup = new OrderSetup(server.Api, "bp-" + Guid.NewGuid());
        // Stored before the rules existed: written to the store directly.
        var storage = StorageSpec.Open(Storage);
        var now = DateTime.UtcNow.ToString("O");
        await storage.Events(new SecretBox(await storage.Credentials.GetOrCreateSecretsKeyAsync())).AddAuthProfileAsync(new AuthProfile("poison", setup.Target, "poison",
            new OAuthConfig("merchant-client", "merchant-secret", sink.Url("/oauth/token"), "POST", [], [new("X-Secret-Header\r\nX-Injected2", "secret-value")]), now, now));
        await new EventSubscriber(server.Api, setup.Target).Webhook("ORDER_CONFIRMED", sink.Url("/hooks/poison"), authProfileId: "poison");

        await setup.Create();
        var failed = await WaitForFailed(server, setup.Target);

        Assert.Equal(3, failed["attempts"]!.AsArray().Count);
        Assert.Empty(sink.Requests);
        await server.WaitForOutputAsync(line => line.Contains("attempt 3 failed") && line.Contains(failed["id"]!.ToString()), "no log line of the last attempt");
        // A line per attempt: the first two are retried, the last has no retries left.
        foreach (var said in new[] { "attempt 1 retrying", "attempt 2 retrying", "attempt 3 failed" })
            Assert.Contains(server.Output, line => line.Contains(said) && line.Contains(failed["id"]!.ToString()));
        var metrics = await server.Api.Http.GetStringAsync("/metrics");
        Assert.Contains("bwp_event_delivery_attempts_total{destination=\"webhook\",outcome=\"retrying\"} 2", metrics);
        Assert.Contains("bwp_event_delivery_attempts_total{destination=\"webhook\",outcome=\"failed\"} 1", metrics);
        Assert.DoesNotContain("bwp_event_delivery_attempts_total{destination=\"webhook\",outcome=\"delivered\"}", metrics);
        foreach (var configured in new[] { "X-Secret-Header", "X-Injected2", "secret-value", "merchant-client", "merchant-secret", sink.BaseAddress.Authority })
            Assert.DoesNotContain(server.Output, line => line.Contains(configured));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> WaitForFailed(ServerProcess server, string target)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, list) = await server.Api.Control(HttpMethod.Get, "/deliveries", target);
            if (list["deliveries"]!.AsArray().FirstOrDefault(d => (string?)d!["state"] == "FAILED") is { } failed)
                return (await server.Api.Control(HttpMethod.Get, $"/deliveries/{failed["id"]}", target)).Body;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"no delivery failed: {list.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
