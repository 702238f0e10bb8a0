using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Events;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// What a merchant configures never steers the requests BwP sends (security review F2, F5): header parameters must be
/// headers, checked when stored and again when sent; a failure while sending is an attempt, recorded and retried; and
/// no pooled connection ever carries two targets' requests.
/// </summary>
public sealed class OutboundHeaderTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private readonly OrderSetup _setup = new(fixture.Server.Api, "bp-" + Guid.NewGuid());
    private EventSubscriber Events => new(fixture.Server.Api, _setup.Target);
    private WebhookSink Sink => fixture.Sink;
    private string Hook(string name) => $"/hooks/{_setup.Target}/{name}";

    public static TheoryData<string, string> NotHeaders => new()
    {
        { "X-A", "v1\r\nX-Injected: yes" },
        { "X-A", "v\r\nContent-Length: 0\r\n\r\nPOST /c-bucket HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 600\r\n\r\n" },
        { "X-A", "v\nX-Injected: yes" },
        { "X-A", "v\0" },
        { "X-A", "bell\u0007" },
        { "X-A", "caf\u00e9" },
        { "X-A", " padded" },
        { "X-B\r\nX-Injected2", "z" },
        { "X B", "z" },
        { "X:B", "z" },
        { "Host", "evil.example" },
        { "host", "evil.example" },
        { "Content-Length", "3" },
        { "Transfer-Encoding", "chunked" },
        { "Connection", "close" },
        { "Keep-Alive", "timeout=5" },
        { "TE", "trailers" },
        { "Upgrade", "h2c" },
        { "Trailer", "X-A" },
        { "Expect", "100-continue" },
        { "Proxy-Authorization", "Basic eDp5" },
        { "Authorization", "Bearer x" },
    };

    [Theory]
    [MemberData(nameof(NotHeaders))]
    public async Task A_header_parameter_that_is_not_a_header_is_refused_wherever_it_is_given_and_nothing_is_stored(string key, string value)
    {
        var good = await CreateProfile("good", ("X-Shop", "shop-1"));
        var bad = OAuth(Sink.Url("/oauth/token"), (key, value));

        var created = await CreateProfileRaw("bad", bad);
        var updated = await Send("mutation($input: UpdateAuthProfileInput!) { updateAuthProfile(input: $input) { authProfileId } }",
            new JsonObject { ["authProfileId"] = good, ["authConfig"] = bad.DeepClone() });
        var inline = await Send("mutation($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { subscriptionId } }",
            new JsonObject { ["eventType"] = "ORDER_CONFIRMED", ["destination"] = new JsonObject { ["webhook"] = new JsonObject { ["url"] = Sink.Url(Hook("inline")), ["method"] = "POST", ["authConfig"] = bad.DeepClone() } } });

        foreach (var refused in new[] { created, updated, inline })
            Assert.Contains("/oAuthConfig/httpParameters/headerParameters/0/", (string?)refused.AssertError("ValidationError", "ValidationError")["message"]);
        // Nothing stored: no "bad" profile, no subscription, and "good" still sends what it had.
        (await Send("""mutation { createEventSubscription(input: { destination: { webhook: { url: "http://127.0.0.1:9/x", method: POST, authProfileId: "bad" } }, eventType: "ORDER_CONFIRMED" }) { subscriptionId } }"""))
            .AssertError("AccessDeniedError");
        await Events.Webhook("ORDER_CONFIRMED", Sink.Url(Hook("good")), authProfileId: good);
        await _setup.Create();
        await Sink.WaitFor(Hook("good"), r => r.Count == 1);
        Assert.Single((await Events.Deliveries()).AsArray()); // the inline subscription was never made
        Assert.Contains(Sink.At("/oauth/token"), r => r.Header("x-shop") == "shop-1");
        Assert.DoesNotContain(Sink.Requests, r => r.Headers.ContainsKey("x-injected") || r.Headers.ContainsKey("x-injected2") || r.Path == "/c-bucket");
    }

    [Fact]
    public async Task A_stored_profile_that_breaks_the_rules_fails_each_attempt_at_send_until_the_delivery_has_failed_and_nothing_reaches_the_wire()
    {
        // A profile stored before the rules existed, written to the store directly.
        var storage = StorageSpec.Open(fixture.Server.Storage);
        var events = storage.Events(new SecretBox(await storage.Credentials.GetOrCreateSecretsKeyAsync()));
        var now = DateTime.UtcNow.ToString("O");
        await events.AddAuthProfileAsync(new AuthProfile("poison", _setup.Target, "poison", new OAuthConfig("c", "s", Sink.Url("/oauth/token"), "POST", [],
            [new("X-B\r\nX-Injected2", "z")]), now, now));
        await Events.Webhook("ORDER_CONFIRMED", Sink.Url(Hook("poison")), authProfileId: "poison");

        await _setup.Create();
        var failed = await WaitForDelivery(d => (string?)d["state"] == "FAILED");

        var attempts = failed["attempts"]!.AsArray();
        Assert.Equal(5, attempts.Count); // the first and four retries (Events:RetryDelays has four)
        Assert.All(attempts, a => Assert.Equal("header parameter 1 of the auth profile is not a valid header; update the auth profile", (string?)a!["error"]));
        Assert.Empty(Sink.At(Hook("poison")));
        Assert.DoesNotContain(Sink.Requests, r => r.Headers.ContainsKey("x-injected2"));
    }

    [Fact]
    public async Task An_access_token_that_is_not_a_bearer_token_fails_the_attempt_and_is_never_sent()
    {
        Sink.AccessToken = () => "token\r\nX-Evil: 1";
        try
        {
            await Events.Webhook("ORDER_CONFIRMED", Sink.Url(Hook("evil-token")), authProfileId: await CreateProfile("evil-token", ("X-Shop", "shop-1")));
            await _setup.Create();
            var failed = await WaitForDelivery(d => (string?)d["state"] == "FAILED");
            Assert.All(failed["attempts"]!.AsArray(), a => Assert.Contains("access_token is not a bearer token", (string?)a!["error"]));
            Assert.Empty(Sink.At(Hook("evil-token")));
        }
        finally
        {
            Sink.AccessToken = null;
        }
    }

    [Fact]
    public async Task Two_targets_sending_to_one_endpoint_never_share_a_connection()
    {
        var other = new OrderSetup(fixture.Server.Api, "bp-" + Guid.NewGuid());
        await Events.Webhook("ORDER_CONFIRMED", Sink.Url(Hook("shared")));
        await new EventSubscriber(fixture.Server.Api, other.Target).Webhook("ORDER_CONFIRMED", Sink.Url($"/hooks/{other.Target}/shared"));

        for (var i = 0; i < 4; i++)
        {
            await _setup.Create();
            await other.Create();
            await Sink.WaitFor(Hook("shared"), r => r.Count == i + 1);
            await Sink.WaitFor($"/hooks/{other.Target}/shared", r => r.Count == i + 1);
        }

        var mine = Sink.At(Hook("shared")).Select(r => r.Connection).ToHashSet();
        var theirs = Sink.At($"/hooks/{other.Target}/shared").Select(r => r.Connection).ToHashSet();
        Assert.True(mine.Count < 4, "a target's deliveries should reuse its connections (else this test shows nothing)");
        Assert.Empty(mine.Intersect(theirs));
    }

    [Fact]
    public async Task A_delivery_log_filter_too_long_to_be_an_id_is_refused_rather_than_ignored()
    {
        foreach (var filter in new[] { "orderId", "subscriptionId" })
        {
            var (status, body) = await fixture.Server.Api.Control(HttpMethod.Get, $"/deliveries?{filter}={new string('x', 201)}", _setup.Target);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
            Assert.Contains("at most 200 characters", (string?)body["errors"]![0]!["message"]);
        }
    }

    private async Task<JsonObject> WaitForDelivery(Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var deliveries = await Events.Deliveries();
            if (deliveries.FirstOrDefault(d => done(d!)) is { } found)
            {
                var (_, body) = await fixture.Server.Api.Control(HttpMethod.Get, $"/deliveries/{found["id"]}", _setup.Target);
                return body.AsObject();
            }
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"no delivery as expected: {deliveries.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    private static JsonObject OAuth(string endpoint, params (string Key, string Value)[] headers) => new()
    {
        ["oAuthConfig"] = new JsonObject
        {
            ["clientParameters"] = new JsonObject { ["clientId"] = "c", ["clientSecret"] = "s" },
            ["authEndpoint"] = endpoint,
            ["httpMethod"] = "POST",
            ["httpParameters"] = new JsonObject
            {
                ["headerParameters"] = new JsonArray(headers.Select(h => (JsonNode)new JsonObject { ["key"] = h.Key, ["value"] = h.Value }).ToArray()),
            },
        },
    };

    private async Task<string> CreateProfile(string alias, params (string, string)[] headers)
    {
        var created = await CreateProfileRaw(alias + "-" + Guid.NewGuid().ToString("N")[..8], OAuth(Sink.Url("/oauth/token"), headers));
        return (string)created.AssertSuccess().Data!["createAuthProfile"]!["authProfileId"]!;
    }

    private Task<GraphQLResponse> CreateProfileRaw(string alias, JsonObject config) =>
        Send("mutation($input: CreateAuthProfileInput!) { createAuthProfile(input: $input) { authProfileId } }",
            new JsonObject { ["authProfileAliasId"] = alias, ["authConfig"] = config });

    private Task<GraphQLResponse> Send(string query, JsonObject? input = null) =>
        fixture.Server.Api.Send(_setup.Target, ApiClient.V2024_11_01, query, input is null ? null : new JsonObject { ["input"] = input });
}
