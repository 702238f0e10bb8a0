using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>/control/v1/requests</c>: a target's recent GraphQL requests (operation, root fields, result, error codes, latency,
/// request id), newest first, without what the caller sent unless the target turned full capture on; bounded per target;
/// a target sees only its own; a reset empties it.
/// </summary>
public sealed class RequestJournalTests(RequestJournalTests.Fixture fixture) : IClassFixture<RequestJournalTests.Fixture>
{
    /// <summary>Three requests per target and journals of two targets, so the bounds show in a few requests.</summary>
    public sealed class Fixture() : ServerFixtureWith([.. ServerFixture.HighRateLimits, "--Journal:Size=3", "--Journal:MaxTargets=2"]);

    private ServerFixture Server => fixture.Server;
    private readonly string _target = "bp-journal-" + Guid.NewGuid();

    [Fact]
    public async Task Each_request_is_journaled_with_its_operation_result_and_request_id_and_nothing_it_sent()
    {
        var (requestId, _) = await Post("""query Lookup($id: OrderIdentifierInput!) { order(orderIdentifier: $id) { id } }""", """{"id": {"orderId": "secret-order-4711"}}""");

        var entry = (await Journal())["requests"]![0]!;
        JsonMatch.Assert($$"""
            {"requestId":"{{requestId}}","at":"<timestamp>","version":"2024-11-01","operationType":"query","operationName":"Lookup","rootFields":["order"],
             "result":"error","status":200,"errors":[{"code":"ResourceNotFound","path":"order"}],"capture":null}
            """, Without(entry, "sequence", "latencyMs"));
        Assert.True((double)entry["latencyMs"]! > 0);
        Assert.DoesNotContain("secret-order-4711", (await Journal()).ToJsonString());
    }

    [Fact]
    public async Task The_journal_keeps_the_newest_requests_of_a_target_and_filters_them_by_field_and_result()
    {
        var setup = new OrderSetup(Server.Api, _target);
        var order = await setup.Create();
        await Post($$"""{ order(orderIdentifier: { orderId: "{{order.Id}}" }) { id } }""");
        await Post("""{ order(orderIdentifier: { orderId: "nope" }) { id } }""");
        await Post("{ __typename }");

        var kept = (await Journal())["requests"]!.AsArray();
        Assert.Equal([["__typename"], ["order"], ["order"]], kept.Select(e => e!["rootFields"]!.AsArray().Select(f => (string)f!).ToArray()));
        Assert.Equal(["ok", "error", "ok"], kept.Select(e => (string)e!["result"]!)); // createOrder, the oldest, was dropped
        Assert.Equal("error", (string?)(await Journal("?result=ERROR"))["requests"]![0]!["result"]);
        var paged = await Journal("?field=order&first=1");
        Assert.Single(paged["requests"]!.AsArray());
        var older = await Journal($"?field=order&before={(string)paged["next"]!}");
        Assert.Equal(["ok"], older["requests"]!.AsArray().Select(e => (string)e!["result"]!));
    }

    [Fact]
    public async Task A_faulted_request_is_journaled_as_refused_with_the_faults_code_and_status_and_one_after_Latency_as_it_ran()
    {
        var faults = new FaultClient(Server.Api, Server.Tokens, _target);
        await faults.Add(new JsonObject { ["operation"] = "order", ["error"] = "InternalServerError", ["count"] = 1 });
        const string read = """{ order(orderIdentifier: { orderId: "nope" }) { id } }""";
        var faulted = await faults.Send(ApiClient.V2024_11_01, read);
        var throttled = await faults.Send(ApiClient.V2024_11_01, read, fault: "ThrottlingError");
        var slow = await faults.Send(ApiClient.V2024_11_01, read, fault: "Latency; latencyMs=1");

        var entries = (await Journal())["requests"]!.AsArray().ToDictionary(e => (string)e!["requestId"]!, e => e!);
        JsonMatch.Assert("""{"rootFields":[],"result":"refused","status":500,"errors":[{"code":"InternalServerError","path":null}]}""",
            Only(entries[faulted.RequestId], "rootFields", "result", "status", "errors"));
        JsonMatch.Assert("""{"rootFields":[],"result":"refused","status":429,"errors":[{"code":"TooManyRequests","path":null}]}""",
            Only(entries[throttled.RequestId], "rootFields", "result", "status", "errors"));
        JsonMatch.Assert("""{"rootFields":["order"],"result":"error","status":200,"errors":[{"code":"ResourceNotFound","path":"order"}]}""",
            Only(entries[slow.RequestId], "rootFields", "result", "status", "errors"));
    }

    [Fact]
    public async Task A_new_target_drops_the_journal_of_the_target_written_to_longest_ago()
    {
        var (first, second) = (_target + "-1", _target + "-2");
        await Server.Api.Send(first, null, "{ __typename }");
        await Server.Api.Send(second, null, "{ __typename }");
        await Server.Api.Send(first, null, "{ __typename }"); // first is now the more recent

        await Post("{ __typename }"); // a third target

        Assert.Equal(2, (await Journal(target: first))["requests"]!.AsArray().Count);
        Assert.Empty((await Journal(target: second))["requests"]!.AsArray());
        Assert.Single((await Journal())["requests"]!.AsArray());
    }

    [Fact]
    public async Task A_request_refused_for_its_scope_is_journaled_as_refused_and_one_for_another_target_or_without_a_token_is_not()
    {
        var viewOnly = await Server.Tokens.IssueAsync(_target, [Scopes.ViewOrderData]);
        var refused = await Server.Api.Send(_target, null, "mutation { cancelOrder(orderIdentifier: { orderId: \"x\" }, input: { reason: ORDERED_BY_MISTAKE }) { cancellation { id } } }", bearer: viewOnly);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        await Server.Api.Send(_target, null, "{ __typename }", bearer: "not-a-token");
        var other = "bp-journal-other-" + Guid.NewGuid();
        await Server.Api.Send(other, null, "{ __typename }");

        var entries = (await Journal())["requests"]!.AsArray();
        Assert.Single(entries);
        // Refused before it ran: nothing of the document is shown, as nothing of it passed the checks.
        JsonMatch.Assert("""{"operationType":null,"operationName":null,"version":"2024-11-01","rootFields":[],"result":"refused","status":403,"errors":[{"code":"MissingScope","path":null}]}""",
            Without(entries[0]!, "sequence", "latencyMs", "at", "requestId", "capture"));
        Assert.Single((await Journal(target: other))["requests"]!.AsArray());
    }

    [Fact]
    public async Task Full_capture_keeps_query_variables_and_response_until_turned_off_and_a_reset_empties_the_journal()
    {
        var on = await Control(HttpMethod.Put, "/requests/capture", new JsonObject { ["full"] = true });
        Assert.True((bool)on["full"]!);
        Assert.True(DateTimeOffset.Parse((string)on["until"]!) > DateTimeOffset.UtcNow.AddMinutes(59));
        await Post("query Q($id: OrderIdentifierInput!) { order(orderIdentifier: $id) { id } }", """{"id": {"orderId": "captured-4711"}}""");
        var captured = (await Journal())["requests"]![0]!["capture"]!;
        Assert.Equal("query Q($id: OrderIdentifierInput!) { order(orderIdentifier: $id) { id } }", (string?)captured["query"]);
        Assert.Equal("captured-4711", (string?)JsonNode.Parse((string)captured["variables"]!)!["id"]!["orderId"]);
        Assert.Equal("ResourceNotFound", (string?)JsonNode.Parse((string)captured["response"]!)!["errors"]![0]!["extensions"]!["classification"]!["code"]);

        Assert.False((bool)(await Control(HttpMethod.Put, "/requests/capture", new JsonObject { ["full"] = false }))["full"]!);
        await Post("{ __typename }");
        Assert.Null((await Journal())["requests"]![0]!["capture"]);

        await new TargetControl(Server.Api, _target).Reset();
        Assert.Empty((await Journal())["requests"]!.AsArray());
    }

    [Fact]
    public async Task The_cli_lists_captures_and_clears_a_running_servers_journal()
    {
        await Post("{ __typename }");
        string[] server = ["--url", Server.BaseAddress.ToString(), "--token", await Server.Tokens.ForTarget(_target), "--target-id", _target];

        var (exit, listed) = await ServerProcess.RunCliAsync(["requests", "list", "--result", "ok", .. server]);
        Assert.Equal(0, exit);
        Assert.Equal(["__typename"], JsonNode.Parse(listed)!["requests"]![0]!["rootFields"]!.AsArray().Select(f => (string)f!));
        var (_, captured) = await ServerProcess.RunCliAsync(["requests", "capture", "--full", "true", .. server]);
        Assert.True((bool)JsonNode.Parse(captured)!["full"]!);
        Assert.Equal(0, (await ServerProcess.RunCliAsync(["requests", "capture", "--full", "false", .. server])).ExitCode);
        Assert.Equal(0, (await ServerProcess.RunCliAsync(["requests", "clear", .. server])).ExitCode);
        Assert.Empty((await Journal())["requests"]!.AsArray());
        var (faultsExit, faults) = await ServerProcess.RunCliAsync(["faults", "list", .. server]);
        Assert.Equal((0, 0), (faultsExit, JsonNode.Parse(faults)!["faults"]!.AsArray().Count));
    }

    /// <summary>A copy of the object without the named keys (values no test can know, such as times).</summary>
    private static JsonObject Only(JsonNode node, params string[] keys) => new(keys.Select(k => KeyValuePair.Create(k, node[k]?.DeepClone())));

    internal static JsonObject Without(JsonNode node, params string[] keys)
    {
        var copy = node.DeepClone().AsObject();
        foreach (var key in keys) copy.Remove(key);
        return copy;
    }

    /// <summary>Posts a 2024-11-01 request as the target; returns the answer's x-request-id and status.</summary>
    private async Task<(string RequestId, HttpStatusCode Status)> Post(string query, string? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent($$"""{"query": {{JsonValue.Create(query).ToJsonString()}}{{(variables is null ? "" : ", \"variables\": " + variables)}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", await Server.Tokens.ForTarget(_target));
        request.Headers.Add("x-api-target-id", _target);
        request.Headers.Add("x-api-version", ApiClient.V2024_11_01);
        using var response = await Server.Api.Http.SendAsync(request);
        return (response.Headers.GetValues("x-request-id").Single(), response.StatusCode);
    }

    private Task<JsonNode> Journal(string query = "", string? target = null) => Control(HttpMethod.Get, "/requests" + query, null, target);

    private async Task<JsonNode> Control(HttpMethod method, string path, JsonNode? body = null, string? target = null)
    {
        var (status, answer) = await Server.Api.Control(method, path, target ?? _target, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, answer.ToJsonString());
        return answer;
    }
}

/// <summary>Full capture is on for a bounded number of targets at once; a bad capture body or journal filter is refused.</summary>
public sealed class JournalCaptureLimitTests(JournalCaptureLimitTests.Fixture fixture) : IClassFixture<JournalCaptureLimitTests.Fixture>
{
    public sealed class Fixture() : ServerFixtureWith([.. ServerFixture.HighRateLimits, "--Journal:MaxCapturingTargets=2"]);

    private static readonly string Target = "bp-journal-limit-" + Guid.NewGuid();

    [Fact]
    public async Task Only_so_manyTargets_capture_at_once_and_a_bad_capture_body_or_filter_is_refused()
    {
        var (first, second, third) = (Target + "-1", Target + "-2", Target + "-3");
        await Capture(first, true);
        await Capture(second, true);

        var (status, body) = await fixture.Server.Api.Control(HttpMethod.Put, "/requests/capture", third, new JsonObject { ["full"] = true });
        Assert.Equal((HttpStatusCode.Conflict, "CaptureLimitExceeded"), (status, (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"]));
        await Capture(first, false);
        await Capture(third, true);
        await Capture(second, false);
        await Capture(third, false);

        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Server.Api.Control(HttpMethod.Put, "/requests/capture", Target, new JsonObject { ["full"] = "yes" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Server.Api.Control(HttpMethod.Get, "/requests?result=maybe", Target)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Server.Api.Control(HttpMethod.Get, "/requests?operation=order", Target)).Status);
    }

    private async Task Capture(string target, bool full)
    {
        var (status, answer) = await fixture.Server.Api.Control(HttpMethod.Put, "/requests/capture", target, new JsonObject { ["full"] = full });
        Assert.True(status == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal(full, (bool)answer["full"]!);
    }
}

/// <summary>A production server keeps the journal but never captures what callers send.</summary>
public sealed class ProductionJournalTests(ProductionJournalTests.Fixture fixture) : IClassFixture<ProductionJournalTests.Fixture>
{
    public sealed class Fixture() : ServerFixtureWith(ServerFixture.HighRateLimits, production: true);

    [Fact]
    public async Task Full_capture_is_sandbox_only()
    {
        var target = "bp-journal-production";
        var (status, body) = await fixture.Server.Api.Control(HttpMethod.Put, "/requests/capture", target, new JsonObject { ["full"] = true });

        Assert.Equal((HttpStatusCode.Forbidden, "SandboxOnly"), (status, (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"]));
        await fixture.Server.Api.Send(target, null, "{ __typename }");
        var (_, journal) = await fixture.Server.Api.Control(HttpMethod.Get, "/requests", target);
        var entry = journal["requests"]!.AsArray().Single()!;
        Assert.Equal(("ok", null), ((string?)entry["result"], entry["capture"]));
        Assert.False((bool)journal["capture"]!["full"]!);
    }
}
