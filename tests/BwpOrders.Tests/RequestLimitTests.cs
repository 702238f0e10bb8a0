using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Each request limit, at small configured values, gives a clear error and runs nothing.</summary>
public sealed class RequestLimitTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new()
    {
        ConfigurationArgs = [.. ServerFixture.HighRateLimits,
            "--Limits:MaxQueryDepth=7", "--Limits:MaxFieldCount=40", "--Limits:MaxRootFields=3",
            "--Limits:MaxListLength=5", "--Limits:MaxBodyBytes=20000"],
    };
    private readonly string _target = "bp-" + Guid.NewGuid();

    [Fact]
    public async Task Deep_queries_are_refused()
    {
        var ok = await _server.Api.Send(_target, null, "{ order(orderIdentifier: { orderId: \"x\" }) { refunds { details { refundFor { orderLineItems { lineItem { id } } } } } } }");
        ok.AssertError("ResourceNotFoundError"); // 7 levels of fields: allowed, and it runs
        var deep = await _server.Api.Send(_target, null, "{ order(orderIdentifier: { orderId: \"x\" }) { refunds { details { refundFor { orderLineItems { lineItem { amount { value } } } } } } } }");
        AssertRefused(deep, "MaxQueryDepthExceeded");
    }

    [Fact]
    public async Task Fragments_cannot_hide_depth_or_fields()
    {
        var viaFragments = await _server.Api.Send(_target, null, """
            { order(orderIdentifier: { orderId: "x" }) { ...A } }
            fragment A on Order { refunds { ...B } }
            fragment B on Refunds { details { refundFor { orderLineItems { lineItem { amount { value } } } } } }
            """);
        AssertRefused(viaFragments, "MaxQueryDepthExceeded");
    }

    [Fact]
    public async Task Too_many_fields_are_refused()
    {
        var fields = string.Join(" ", Enumerable.Range(0, 41).Select(i => $"f{i}: id"));
        var response = await _server.Api.Send(_target, null, $"{{ order(orderIdentifier: {{ orderId: \"x\" }}) {{ {fields} }} }}");
        AssertRefused(response, "MaxFieldCountExceeded");
    }

    [Fact]
    public async Task Alias_amplification_of_root_fields_is_refused()
    {
        var roots = string.Join(" ", Enumerable.Range(0, 4).Select(i => $"o{i}: order(orderIdentifier: {{ orderId: \"x{i}\" }}) {{ id }}"));
        var response = await _server.Api.Send(_target, null, $"{{ {roots} }}");
        AssertRefused(response, "MaxRootFieldsExceeded");
    }

    [Fact]
    public async Task Long_lists_in_literals_and_variables_are_refused()
    {
        var aliases = string.Join(",", Enumerable.Range(0, 6).Select(i => $"{{ aliasType: \"A\", aliasId: \"{i}\" }}"));
        var literal = await _server.Api.Send(_target, null, $"mutation {{ createOrder(input: {{ aliases: [{aliases}], lineItems: [] }}) {{ order {{ id }} }} }}");
        Assert.Contains("input.aliases", (string?)AssertRefused(literal, "MaxListLengthExceeded")["message"]);

        var list = new JsonArray(Enumerable.Range(0, 6).Select(i => (JsonNode)new JsonObject { ["aliasType"] = "A", ["aliasId"] = $"{i}" }).ToArray());
        var variables = await _server.Api.Send(_target, null, "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }",
            new JsonObject { ["input"] = new JsonObject { ["aliases"] = list, ["lineItems"] = new JsonArray() } });
        Assert.Contains("$input.aliases", (string?)AssertRefused(variables, "MaxListLengthExceeded")["message"]);
    }

    [Fact]
    public async Task Oversized_bodies_are_413()
    {
        var response = await _server.Api.Send(_target, null, "{ __typename }", new JsonObject { ["pad"] = new string('x', 30_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        response.AssertError("ValidationError", "RequestTooLarge");
    }

    private static JsonObject AssertRefused(GraphQLResponse response, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Null(response.Body["data"]);
        return response.AssertError("ValidationError", code);
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}

/// <summary>Per-credential rate limiting: a burst is throttled with Retry-After, and service resumes.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { ConfigurationArgs = ["--Limits:RequestsPerSecond=1", "--Limits:RequestBurst=3"] };

    [Fact]
    public async Task Burst_is_throttled_with_retry_after_then_recovers_and_other_credentials_are_unaffected()
    {
        const string target = "bp-rate";
        var token = await _server.Tokens.ForTarget(target);
        var responses = new List<GraphQLResponse>();
        while (responses.Count < 30 && responses.All(r => r.Status != HttpStatusCode.TooManyRequests))
            responses.Add(await _server.Api.Send(target, null, "{ __typename }", bearer: token));

        var throttled = responses.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        throttled.AssertError("ThrottlingError", "TooManyRequests");
        Assert.True(responses.Count(r => r.Status == HttpStatusCode.OK) >= 3, "the burst of 3 is allowed first");

        // Another credential has its own bucket.
        (await _server.Api.Send("bp-rate-other", null, "{ __typename }")).AssertSuccess();

        HttpResponseMessage limited;
        var attempts = 0;
        do // the bucket may have refilled by one since the burst: drain it again
        {
            using var raw = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json") };
            raw.Headers.Add("x-api-target-id", target);
            raw.Headers.Authorization = new("Bearer", token);
            limited = await _server.Api.Http.SendAsync(raw);
        } while (limited.StatusCode != HttpStatusCode.TooManyRequests && ++attempts < 5);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 5);

        await Task.Delay(TimeSpan.FromSeconds(retryAfter + 0.2));
        (await _server.Api.Send(target, null, "{ __typename }", bearer: token)).AssertSuccess();
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}

/// <summary>A request that does not finish in time (here: a client that never sends its whole body) is cut off with 504.</summary>
public sealed class RequestTimeoutTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { ConfigurationArgs = [.. ServerFixture.HighRateLimits, "--Limits:RequestTimeoutSeconds=1"] };

    [Fact]
    public async Task A_stalled_request_body_gets_a_504_in_the_bwp_error_shape()
    {
        const string target = "bp-timeout";
        var token = await _server.Tokens.ForTarget(target);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        await using var stream = client.GetStream();
        var head = $"POST /graphql HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
                   $"Authorization: Bearer {token}\r\nx-api-target-id: {target}\r\nContent-Length: 100\r\n\r\n{{\"query\":";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream);
        var readAll = reader.ReadToEndAsync();
        var finished = await Task.WhenAny(readAll, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.Same(readAll, finished);
        var response = await readAll;
        Assert.StartsWith("HTTP/1.1 504", response);
        Assert.Contains("\"code\":\"RequestTimeout\"", response);
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}
