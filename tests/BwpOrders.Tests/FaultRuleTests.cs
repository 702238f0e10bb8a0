using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Fault rules as a resource: webhook delivery faults, isolation between targets, validation, the bound, clearing,
/// the CLI mirror; then the timeout fault (a server with a short request timeout) and production's refusal.
/// </summary>
public sealed class FaultRuleTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private const string ReadOrder = """query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }""";
    private static readonly JsonObject AnyOrder = new() { ["id"] = "any" };

    private readonly OrderSetup _setup = new(fixture.Server.Api, "bp-" + Guid.NewGuid());
    private ServerFixture Server => fixture.Server;
    private FaultClient Faults => new(Server.Api, Server.Tokens, _setup.Target);

    [Fact]
    public async Task A_delivery_fault_fails_the_next_N_attempts_as_a_500_and_the_delivery_log_shows_them()
    {
        var hook = $"/hooks/{_setup.Target}/faulted";
        var events = new EventSubscriber(Server.Api, _setup.Target);
        var subscription = await events.Webhook("ORDER_CONFIRMED", fixture.Sink.Url(hook));
        var rule = await Faults.Add(new JsonObject { ["subscriptionId"] = subscription, ["error"] = "DeliveryFailure", ["count"] = 2 });

        await _setup.Create();
        var delivered = await WaitForDelivered(events);

        var attempts = delivered["attempts"]!.AsArray();
        Assert.Equal([500, 500, 200], attempts.Select(a => (int)a!["statusCode"]!));
        Assert.All(attempts.Take(2), a => Assert.Contains($"injected by fault {rule}", (string?)a!["error"]));
        Assert.Single(fixture.Sink.At(hook)); // faulted attempts send nothing
        var listed = await Faults.Rule(rule);
        Assert.Equal(2, (long)listed["hits"]!);
        Assert.All(listed["recentHits"]!.AsArray(), h => Assert.Equal((long)delivered["id"]!, (long)h!["deliveryId"]!));
    }

    private static async Task<JsonNode> WaitForDelivered(EventSubscriber events)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if ((await events.Deliveries()).FirstOrDefault(d => (string?)d!["state"] == "DELIVERED") is { } done) return done;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("no delivery was DELIVERED within 30 s: " + (await events.Deliveries()).ToJsonString());
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_targets_rules_touch_only_its_own_calls_and_only_it_sees_and_deletes_them()
    {
        var other = new FaultClient(Server.Api, Server.Tokens, "bp-" + Guid.NewGuid());
        var rule = await Faults.Add(new JsonObject { ["error"] = "ThrottlingError" }); // any operation of this target

        Assert.Equal(HttpStatusCode.OK, (await other.Send(ApiClient.V2024_11_01, ReadOrder, AnyOrder)).Status);
        Assert.Empty((await other.List())["faults"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Api.Control(HttpMethod.Delete, "/faults/" + rule, other.Target)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Faults.Send(ApiClient.V2024_11_01, ReadOrder, AnyOrder)).Status);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"operation": "order"}""")]
    [InlineData("""{"error": "Nope"}""")]
    [InlineData("""{"error": "1"}""")]
    [InlineData("""{"error": "ThrottlingError", "colour": "red"}""")]
    [InlineData("""{"error": "Latency"}""")]
    [InlineData("""{"error": "ThrottlingError", "latencyMs": 5}""")]
    [InlineData("""{"error": "ConflictError", "retryAfterSeconds": 5}""")]
    [InlineData("""{"error": "DeliveryFailure", "operation": "updateOrder"}""")]
    [InlineData("""{"error": "ConflictError", "subscriptionId": "s"}""")]
    [InlineData("""{"error": "ConflictError", "probability": 0}""")]
    [InlineData("""{"error": "ConflictError", "probability": 1.5}""")]
    [InlineData("""{"error": "ConflictError", "count": 0}""")]
    [InlineData("""{"error": "ConflictError", "version": "2023-01-01"}""")]
    [InlineData("""{"error": "ConflictError", "orderId": "a", "alias": {"aliasType": "EXTERNAL_ID", "aliasId": "b"}}""")]
    [InlineData("""{"error": "ConflictError", "alias": {"aliasType": "EXTERNAL_ID"}}""")]
    public async Task A_malformed_rule_is_refused_and_nothing_is_added(string body)
    {
        var (status, answer) = await Server.Api.Control(HttpMethod.Post, "/faults", _setup.Target, JsonNode.Parse(body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidInput", (string?)answer["errors"]![0]!["extensions"]!["classification"]!["code"]);
        Assert.Empty((await Faults.List())["faults"]!.AsArray());
    }

    [Fact]
    public async Task Reading_rules_needs_view_and_changing_them_edit_order_data()
    {
        var viewer = await Server.Tokens.IssueAsync(_setup.Target, [Scopes.ViewOrderData]);

        Assert.Equal(HttpStatusCode.OK, (await Server.Api.Control(HttpMethod.Get, "/faults", _setup.Target, bearer: viewer)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Api.Control(HttpMethod.Post, "/faults", _setup.Target, new JsonObject { ["error"] = "Timeout" }, bearer: viewer)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Api.Control(HttpMethod.Delete, "/faults", _setup.Target, bearer: viewer)).Status);
    }

    [Fact]
    public async Task A_target_has_at_most_100_rules()
    {
        for (var i = 0; i < 100; i++) await Faults.Add(new JsonObject { ["operation"] = "order" + i, ["error"] = "Timeout" });

        var (status, answer) = await Server.Api.Control(HttpMethod.Post, "/faults", _setup.Target, new JsonObject { ["error"] = "Timeout" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("FaultRuleLimitExceeded", (string?)answer["errors"]![0]!["extensions"]!["classification"]!["code"]);
    }

    [Fact]
    public async Task Rules_are_deleted_one_by_one_or_all_at_once_and_calls_then_run()
    {
        var first = await Faults.Add(new JsonObject { ["operation"] = "order", ["error"] = "ThrottlingError" });
        await Faults.Add(new JsonObject { ["operation"] = "order", ["error"] = "ConflictError" });
        await Faults.Add(new JsonObject { ["operation"] = "updateOrder", ["error"] = "ConflictError" });

        Assert.Equal(HttpStatusCode.OK, (await Server.Api.Control(HttpMethod.Delete, "/faults/" + first, _setup.Target)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Api.Control(HttpMethod.Delete, "/faults/" + first, _setup.Target)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Faults.Send(ApiClient.V2024_11_01, ReadOrder, AnyOrder)).Status); // the next rule in order
        var (_, cleared) = await Server.Api.Control(HttpMethod.Delete, "/faults", _setup.Target);

        Assert.Equal(2, (int)cleared["deleted"]!);
        Assert.Empty((await Faults.List())["faults"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await Faults.Send(ApiClient.V2024_11_01, ReadOrder, AnyOrder)).Status);
    }

    [Fact]
    public async Task The_cli_adds_lists_and_clears_rules_on_a_running_server()
    {
        var token = await Server.Tokens.ForTarget(_setup.Target);
        string[] At(params string[] args) => ["faults", .. args, "--url", Server.BaseAddress.ToString(), "--token", token, "--target-id", _setup.Target];

        var (added, output) = await ServerProcess.RunCliAsync(At("add", "--error", "ThrottlingError", "--operation", "order", "--count", "1", "--retry-after-seconds", "2"));
        Assert.Equal(0, added);
        var id = (string)JsonNode.Parse(output)!["id"]!;
        var faulted = await Faults.Send(ApiClient.V2024_11_01, ReadOrder, AnyOrder);
        Assert.Equal((HttpStatusCode.TooManyRequests, "2"), (faulted.Status, faulted.Headers.RetryAfter!.ToString()));
        var (_, listed) = await ServerProcess.RunCliAsync(At("list"));
        Assert.Equal(1, (long)JsonNode.Parse(listed)!["faults"]!.AsArray().Single(r => (string?)r!["id"] == id)!["hits"]!);
        var (refused, error) = await ServerProcess.RunCliAsync(At("add", "--error", "Nope"));
        Assert.Equal((1, true), (refused, error.Contains("InvalidInput")));
        var (_, cleared) = await ServerProcess.RunCliAsync(At("clear"));
        Assert.Equal(1, (int)JsonNode.Parse(cleared)!["deleted"]!);
    }
}

/// <summary>A Timeout fault holds the request until the server's request timeout answers it, as for slow work.</summary>
public sealed class FaultTimeoutTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { ConfigurationArgs = [.. ServerFixture.HighRateLimits, "--Limits:RequestTimeoutSeconds=4"] };
    private readonly string _target = "bp-" + Guid.NewGuid();

    [Fact]
    public async Task A_timeout_fault_is_answered_as_the_servers_request_timeout()
    {
        var faults = new FaultClient(_server.Api, _server.Tokens, _target);
        await faults.Add(new JsonObject { ["operation"] = "order", ["error"] = "Timeout", ["count"] = 1 });
        const string read = """{ order(orderIdentifier: { orderId: "any" }) { id } }""";

        (await faults.Send(ApiClient.V2024_11_01, read)).AssertError(HttpStatusCode.GatewayTimeout, "InternalServerError", "RequestTimeout");
        Assert.Equal(HttpStatusCode.OK, (await faults.Send(ApiClient.V2024_11_01, read)).Status);
        (await faults.Send(ApiClient.V2024_11_01, read, fault: "Timeout")).AssertError(HttpStatusCode.GatewayTimeout, "InternalServerError", "RequestTimeout");
        // Delayed past the request timeout, the request itself times out while it runs.
        await faults.Add(new JsonObject { ["operation"] = "order", ["error"] = "Latency", ["latencyMs"] = 6000, ["count"] = 1 });
        (await faults.Send(ApiClient.V2024_11_01, read)).AssertError(HttpStatusCode.GatewayTimeout, "InternalServerError", "RequestTimeout");

        // The journal and the metrics record the 504 each got, not the 200 the response held when the timeout struck.
        var (_, journal) = await _server.Api.Control(HttpMethod.Get, "/requests", _target);
        Assert.Equal(["504 RequestTimeout", "504 RequestTimeout", "200 ResourceNotFound", "504 RequestTimeout"], journal["requests"]!.AsArray()
            .Select(e => $"{(int)e!["status"]!} {string.Join(",", e["errors"]!.AsArray().Select(x => (string?)x!["code"]))}"));
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}

/// <summary>Production has no fault injection: the routes are refused and the header is ignored, as any unknown header.</summary>
public sealed class FaultProductionTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { Production = true };
    private readonly string _target = "bp-" + Guid.NewGuid();

    [Fact]
    public async Task Production_refuses_fault_rules_and_ignores_the_fault_header()
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete })
        {
            var (status, body) = await _server.Api.Control(method, "/faults", _target, method == HttpMethod.Post ? new JsonObject { ["error"] = "Timeout" } : null);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("SandboxOnly", (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"]);
        }
        var answer = await new FaultClient(_server.Api, _server.Tokens, _target)
            .Send(ApiClient.V2024_11_01, """{ order(orderIdentifier: { orderId: "any" }) { id } }""", fault: "ThrottlingError");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}
