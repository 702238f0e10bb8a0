using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Server.GraphQL;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Fault injection seen by a plain HttpClient against the real server: every request fault kind answered as BwP
/// answers it and changing nothing, rules matching by operation, version, order id and alias (a non-matching call
/// untouched), count and seeded probability, and the one-off <c>x-bwp-fault</c> header.
/// </summary>
public sealed class FaultInjectionTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private const string V2411 = ApiClient.V2024_11_01;
    private const string Start = """mutation($id: ID) { updateOrder(orderIdentifier: { orderId: $id }, input: { desiredExecutionState: STARTED }) { order { id } } }""";
    private const string ReadOrder = """query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }""";

    private readonly OrderSetup _setup = new(fixture.Server.Api, "bp-" + Guid.NewGuid());
    private ServerFixture Server => fixture.Server;
    private FaultClient Faults => new(Server.Api, Server.Tokens, _setup.Target);

    private static JsonObject Id(string orderId) => new() { ["id"] = orderId };

    [Theory]
    [InlineData("ThrottlingError", HttpStatusCode.TooManyRequests, "ThrottlingError", "TooManyRequests")]
    [InlineData("ConflictError", HttpStatusCode.Conflict, "ConflictError", null)]
    [InlineData("InternalServerError", HttpStatusCode.InternalServerError, "InternalServerError", "InternalServerError")]
    public async Task An_error_fault_answers_bwps_error_changes_nothing_and_the_next_call_runs(string error, HttpStatusCode status, string type, string? code)
    {
        var order = await _setup.Create();
        var rule = await Faults.Add(new JsonObject { ["operation"] = "updateOrder", ["orderId"] = order.Id, ["error"] = error, ["count"] = 1 });

        var faulted = await Server.AssertChangesNothing(_setup.Target, order.Id, () => Faults.Send(V2411, Start, Id(order.Id)));

        var message = faulted.AssertError(status, type, code);
        if (error == "ThrottlingError") Assert.Equal("1", faulted.Headers.RetryAfter!.ToString());
        if (error == "InternalServerError") Assert.Equal(BwpErrorInfoProvider.InternalMessage, message);
        var next = await Faults.Send(V2411, Start, Id(order.Id));
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal("STARTED", (string?)(await _setup.Read(order.Id, "metadata { executionState }"))["metadata"]!["executionState"]);
        var listed = await Faults.Rule(rule);
        Assert.Equal((1, 0), ((long)listed["hits"]!, (int)listed["remaining"]!));
        Assert.Equal([(faulted.RequestId, "updateOrder")], listed["recentHits"]!.AsArray().Select(h => ((string)h!["requestId"]!, (string)h["operation"]!)));
    }

    [Fact]
    public async Task A_throttling_fault_says_its_retry_after()
    {
        await Faults.Add(new JsonObject { ["operation"] = "order", ["error"] = "ThrottlingError", ["retryAfterSeconds"] = 7, ["count"] = 1 });

        var faulted = await Faults.Send(V2411, ReadOrder, Id("any"));

        faulted.AssertError(HttpStatusCode.TooManyRequests, "ThrottlingError", "TooManyRequests");
        Assert.Equal("7", faulted.Headers.RetryAfter!.ToString());
    }

    [Fact]
    public async Task A_dropped_connection_gets_no_answer_and_changes_nothing()
    {
        var order = await _setup.Create();
        await Faults.Add(new JsonObject { ["operation"] = "updateOrder", ["error"] = "DropConnection", ["count"] = 1 });

        await Server.AssertChangesNothing(_setup.Target, order.Id, () => Assert.ThrowsAsync<HttpRequestException>(() => Faults.Send(V2411, Start, Id(order.Id))));

        Assert.Equal(HttpStatusCode.OK, (await Faults.Send(V2411, Start, Id(order.Id))).Status);
    }

    [Fact]
    public async Task A_latency_fault_delays_the_call_which_then_runs()
    {
        var order = await _setup.Create();
        var rule = await Faults.Add(new JsonObject { ["operation"] = "updateOrder", ["error"] = "Latency", ["latencyMs"] = 300 });

        var started = Stopwatch.GetTimestamp();
        var answer = await Faults.Send(V2411, Start, Id(order.Id));

        // A lower bound only: the delay is at least what was asked; how much more depends on the machine.
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(290));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(order.Id, (string?)answer.Body["data"]!["updateOrder"]!["order"]!["id"]);
        Assert.Equal(1, (long)(await Faults.Rule(rule))["hits"]!);
    }

    [Fact]
    public async Task A_rule_matches_its_operation_version_and_order_and_leaves_every_other_call_alone()
    {
        var (a, b) = (await _setup.Create(), await _setup.Create());
        await Faults.Add(new JsonObject { ["operation"] = "updateOrder", ["version"] = V2411, ["orderId"] = a.Id, ["error"] = "ConflictError" });
        await Faults.Add(new JsonObject { ["operation"] = "updateOrder", ["version"] = ApiClient.V2024_01_01, ["orderId"] = b.Id, ["error"] = "InternalServerError" });

        Assert.Equal(HttpStatusCode.OK, (await Faults.Send(V2411, ReadOrder, Id(a.Id))).Status); // another operation
        Assert.Equal(HttpStatusCode.OK, (await Faults.Send(V2411, Start, Id(b.Id))).Status); // another order
        Assert.Equal(HttpStatusCode.OK, (await Faults.Send(ApiClient.V2024_01_01, // another version, input.orderId
            $$"""mutation { updateOrder(input: { orderId: "{{a.Id}}", desiredExecutionState: STARTED }) { id } }""")).Status);

        // No count and no probability: every matching call, whether the id is a variable, a literal or behind a fragment.
        (await Faults.Send(V2411, Start, Id(a.Id))).AssertError(HttpStatusCode.Conflict, "ConflictError", null);
        (await Faults.Send(V2411, $$"""mutation { ... on Mutation { updateOrder(orderIdentifier: { orderId: "{{a.Id}}" }, input: { desiredExecutionState: STARTED }) { order { id } } } }"""))
            .AssertError(HttpStatusCode.Conflict, "ConflictError", null);
        (await Faults.Send(ApiClient.V2024_01_01, $$"""mutation { updateOrder(input: { orderId: "{{b.Id}}", desiredExecutionState: STARTED }) { id } }"""))
            .AssertError(HttpStatusCode.InternalServerError, "InternalServerError", "InternalServerError");
    }

    [Fact]
    public async Task A_rule_by_alias_matches_calls_naming_the_order_by_that_alias()
    {
        var aliasId = "m-" + Guid.NewGuid();
        var order = await _setup.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", aliasId)));
        await Faults.Add(new JsonObject { ["alias"] = new JsonObject { ["aliasType"] = "EXTERNAL_ID", ["aliasId"] = aliasId }, ["error"] = "ThrottlingError" });
        const string byAlias = """query($alias: AliasInput) { order(orderIdentifier: { alias: $alias }) { id } }""";
        JsonObject Alias(string id) => new() { ["alias"] = new JsonObject { ["aliasType"] = "EXTERNAL_ID", ["aliasId"] = id } };

        (await Faults.Send(V2411, byAlias, Alias(aliasId))).AssertError(HttpStatusCode.TooManyRequests, "ThrottlingError", "TooManyRequests");
        Assert.Equal(HttpStatusCode.OK, (await Faults.Send(V2411, byAlias, Alias("other"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Faults.Send(V2411, ReadOrder, Id(order.Id))).Status); // as the request names it
    }

    [Fact]
    public async Task A_counted_rule_faults_the_next_N_matching_calls_and_lists_them()
    {
        var rule = await Faults.Add(new JsonObject { ["operation"] = "order", ["error"] = "ThrottlingError", ["count"] = 2 });

        var answers = new List<RawAnswer>();
        for (var i = 0; i < 3; i++) answers.Add(await Faults.Send(V2411, ReadOrder, Id("any")));

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], answers.Select(a => a.Status));
        var listed = await Faults.Rule(rule);
        Assert.Equal((2, 2, 0), ((int)listed["count"]!, (long)listed["hits"]!, (int)listed["remaining"]!));
        Assert.Equal(answers.Take(2).Select(a => a.RequestId), listed["recentHits"]!.AsArray().Select(h => (string)h!["requestId"]!));
    }

    [Fact]
    public async Task A_probability_rule_faults_by_its_seed_the_same_sequence_every_time()
    {
        var seven = await Pattern(seed: 7);

        Assert.Equal(seven, await Pattern(seed: 7));
        Assert.NotEqual(seven, await Pattern(seed: 8));
        Assert.Contains('F', seven);
        Assert.Contains('.', seven);
    }

    /// <summary>Which of 24 calls a probability-0.5 rule with this seed faults (F) and which it lets through (.).</summary>
    private async Task<string> Pattern(int seed)
    {
        await Faults.Clear();
        var rule = await Faults.Add(new JsonObject { ["operation"] = "order", ["error"] = "ThrottlingError", ["probability"] = 0.5, ["seed"] = seed });
        var pattern = "";
        for (var i = 0; i < 24; i++) pattern += (await Faults.Send(V2411, ReadOrder, Id("any"))).Status == HttpStatusCode.TooManyRequests ? 'F' : '.';
        Assert.Equal(pattern.Count(c => c == 'F'), (long)(await Faults.Rule(rule))["hits"]!);
        return pattern;
    }

    [Fact]
    public async Task The_fault_header_faults_one_request_and_is_listed()
    {
        var order = await _setup.Create();

        var throttled = await Server.AssertChangesNothing(_setup.Target, order.Id, () => Faults.Send(V2411, Start, Id(order.Id), "ThrottlingError; retryAfterSeconds=3"));
        throttled.AssertError(HttpStatusCode.TooManyRequests, "ThrottlingError", "TooManyRequests");
        Assert.Equal("3", throttled.Headers.RetryAfter!.ToString());
        (await Faults.Send(V2411, ReadOrder, Id(order.Id), "ConflictError")).AssertError(HttpStatusCode.Conflict, "ConflictError", null);
        (await Faults.Send(V2411, ReadOrder, Id(order.Id), "InternalServerError")).AssertError(HttpStatusCode.InternalServerError, "InternalServerError", "InternalServerError");
        await Assert.ThrowsAsync<HttpRequestException>(() => Faults.Send(V2411, ReadOrder, Id(order.Id), "DropConnection"));
        var delayed = await Faults.Send(V2411, ReadOrder, Id(order.Id), " Latency ; latencyMs = 20 ");
        Assert.Equal(order.Id, (string?)delayed.Body["data"]!["order"]!["id"]);
        Assert.Equal(HttpStatusCode.OK, (await Faults.Send(V2411, ReadOrder, Id(order.Id))).Status); // one request only

        var listed = (await Faults.List())["headerFaults"]!;
        Assert.Equal(5, (long)listed["hits"]!);
        Assert.Equal(throttled.RequestId, (string?)listed["recentHits"]![0]!["requestId"]);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("throttlingerror")]
    [InlineData("Latency")]
    [InlineData("Latency; latencyMs=abc")]
    [InlineData("Latency; latencyMs=1; latencyMs=2")]
    [InlineData("Latency; latencyMs=999999")]
    [InlineData("ThrottlingError; colour=red")]
    [InlineData("ThrottlingError; retryAfterSeconds=0")]
    [InlineData("ConflictError; latencyMs=5")]
    [InlineData("Timeout;")]
    [InlineData("DeliveryFailure")]
    public async Task A_malformed_fault_header_is_refused_with_a_400_and_nothing_runs(string header)
    {
        var order = await _setup.Create();

        var refused = await Server.AssertChangesNothing(_setup.Target, order.Id, () => Faults.Send(V2411, Start, Id(order.Id), header));

        Assert.Contains("x-bwp-fault", refused.AssertError(HttpStatusCode.BadRequest, "ValidationError", "InvalidFaultHeader"));
    }
}
