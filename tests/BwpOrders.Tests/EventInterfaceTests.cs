using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// BwP's Event interface per version: subscriptions and webhook auth profiles, every collected example of their
/// reference pages and guides sent as written (DocExamples/EVENTS.md), and the documented errors.
/// </summary>
public sealed class EventInterfaceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private readonly string _target = "bp-" + Guid.NewGuid();

    [Fact]
    public async Task V2024_11_01_the_reference_examples_create_webhook_and_eventbridge_subscriptions()
    {
        var profile = await Send(ApiClient.V2024_11_01, Docs.Request("2024-11-01/createAuthProfile.create-auth-profile-with-oauth-config"));
        JsonMatch.Assert(Docs.Response("2024-11-01/createAuthProfile.create-auth-profile-with-oauth-config"), profile.AssertSuccess().Body);
        // The auth-profile example names a profile "auth-profile-id"; make one by that alias.
        (await Send(ApiClient.V2024_11_01, Docs.Request("2024-11-01/createAuthProfile.create-auth-profile-with-basic-auth-config")
            .Replace("\"example-auth-profile-alias\"", "\"auth-profile-id\""))).AssertSuccess();

        foreach (var example in new[]
        {
            "create-webhook-event-subscription-with-inline-auth-config-input", "create-webhook-event-subscription-with-auth-profile-id-input",
            "create-webhook-event-subscription-input", "create-event-subscription-with-event-bridge-input",
        })
        {
            var target = "bp-" + Guid.NewGuid(); // the examples repeat a destination and event type: one target each
            if (example.Contains("auth-profile-id"))
                (await Send(ApiClient.V2024_11_01, "mutation { createAuthProfile(input: { authProfileAliasId: \"auth-profile-id\", authConfig: { basicAuthConfig: { username: \"u\", password: \"p\" } } }) { authProfileId } }", target)).AssertSuccess();
            var name = $"2024-11-01/createEventSubscription.{example}";
            var created = await Send(ApiClient.V2024_11_01, Docs.Request(name), target);
            JsonMatch.Assert(Docs.Response(name, new Dictionary<string, string> { ["8e5da864-34ee-461d-9d76-0babcef14677"] = "<id>" }), created.AssertSuccess().Body);
        }
    }

    [Fact]
    public async Task A_subscription_reads_back_as_documented_and_is_deleted_by_its_id()
    {
        var created = await Send(ApiClient.V2024_01_01, Docs.Request("2024-01-01/createEventSubscription.create-event-subscription-using-event-bridge-input")
            .Replace("BuyWithPrimeEventSource", "ReadBackSource"));
        var id = (string)created.AssertSuccess().Data!["createEventSubscription"]!["subscriptionId"]!;

        var ids = new Dictionary<string, string> { ["8e5da864-34ee-461d-9d76-0babcef14677"] = id };
        var read = await Send(ApiClient.V2024_04_01, Docs.Request("2024-04-01/eventSubscription.get-event-subscription", ids));
        JsonMatch.Assert(Docs.Response("2024-04-01/eventSubscription.get-event-subscription", new Dictionary<string, string>(ids)
        {
            ["arn:aws:events:us-east-1::event-source/aws.partner/buywithprime/BuyWithPrimeEventSource"] = "arn:aws:events:us-east-1::event-source/aws.partner/buywithprime/ReadBackSource",
            ["bp-30b55436-5c42-4864-b3cb-4e4d014d8744"] = _target,
        }), read.AssertSuccess().Body);
        var list = await Send(ApiClient.V2024_11_01, Docs.Request("2024-11-01/eventSubscriptions.query-event-subscriptions"));
        JsonMatch.Assert(Docs.Response("2024-11-01/eventSubscriptions.query-event-subscriptions", new Dictionary<string, string> { ["7c391bed-5023-42b7-baf2-bf76db6de5b1"] = id }),
            list.AssertSuccess().Body);

        var deleteIds = new Dictionary<string, string> { ["7c391bed-5023-42b7-baf2-bf76db6de5b1"] = id };
        var deleted = await Send(ApiClient.V2024_01_01, Docs.Request("2024-01-01/deleteEventSubscription.delete-event-subscription", deleteIds));
        JsonMatch.Assert(Docs.Response("2024-01-01/deleteEventSubscription.delete-event-subscription", deleteIds), deleted.AssertSuccess().Body);
        // Gone: asking again is the documented "wrong id" answer, and an empty list is AccessDeniedError, as the page shows.
        AssertDocumentedError(await Send(ApiClient.V2024_01_01, Docs.Request("2024-01-01/deleteEventSubscription.delete-event-subscription", deleteIds)),
            "2024-01-01/deleteEventSubscription.error-response-while-deleting-with-wrong-id");
        AssertDocumentedError(await Send(ApiClient.V2024_11_01, Docs.Request("2024-11-01/eventSubscriptions.query-event-subscriptions-when-subscriptions-do-not-exist")),
            "2024-11-01/eventSubscriptions.query-event-subscriptions-when-subscriptions-do-not-exist");
    }

    [Fact]
    public async Task The_guide_examples_work_as_printed_where_they_are_valid_graphql()
    {
        // The guide's placeholder account id stands for the merchant's twelve-digit AWS account.
        var created = await Send(ApiClient.V2024_11_01, Docs.GuideRequest("2024-11-01/createEventSubscription.guide-create-an-event-subscription",
            new Dictionary<string, string> { ["example-aws-account-id"] = "123456789012" }));
        var id = (string)created.AssertSuccess().Data!["createEventSubscription"]!["subscriptionId"]!;
        // The in-line guide example sends method: "POST" and httpMethod: "POST" as strings.
        (await Send(ApiClient.V2024_11_01, Docs.GuideRequest("2024-11-01/createEventSubscription.guide-create-an-event-subscription-with-webhook-events-in-line-authentication")))
            .AssertSuccess();

        var read = await Send(ApiClient.V2024_11_01, Docs.GuideRequest("2024-11-01/eventSubscription.guide-get-an-event-subscription",
            new Dictionary<string, string> { ["example-subscription-id"] = id }));
        JsonMatch.Assert(Docs.Response("2024-11-01/eventSubscription.guide-get-an-event-subscription", new Dictionary<string, string>
        {
            ["example-subscription-id"] = id, ["example-target-id"] = _target,
        }).Replace("buywithprime/example-event-source", "buywithprime/example-partner-event-source-name"), read.AssertSuccess().Body);
        var list = await Send(ApiClient.V2024_11_01, Docs.GuideRequest("2024-11-01/eventSubscriptions.guide-list-event-subscriptions"));
        Assert.Equal(2, (int)list.AssertSuccess().Data!["eventSubscriptions"]!["totalCount"]!);
        (await Send(ApiClient.V2024_11_01, Docs.GuideRequest("2024-11-01/deleteEventSubscription.guide-delete-an-event-subscription",
            new Dictionary<string, string> { ["example-subscription-id"] = id }))).AssertSuccess();
    }

    [Fact]
    public async Task The_guides_httpMethod_form_of_a_webhook_is_taken_as_method()
    {
        (await Send(ApiClient.V2024_11_01, "mutation { createAuthProfile(input: { authProfileAliasId: \"my-oauth-profile\", authConfig: { basicAuthConfig: { username: \"u\", password: \"p\" } } }) { authProfileId } }"))
            .AssertSuccess();
        // The guide's example leaves the webhook object unclosed (eventType lands inside destination); closed where meant:
        var request = Docs.GuideRequest("2024-11-01/createEventSubscription.guide-create-an-event-subscription-with-webhook-events")
            .Replace("authProfileId: \"my-oauth-profile\"", "authProfileId: \"my-oauth-profile\" }");
        var id = (string)(await Send(ApiClient.V2024_11_01, request)).AssertSuccess().Data!["createEventSubscription"]!["subscriptionId"]!;

        var read = await Send(ApiClient.V2024_11_01, $$"""
            { eventSubscription(subscriptionId: "{{id}}") { eventSubscriptionDetails { eventType destination { ... on WebhookData { url } } } } }
            """);
        JsonMatch.Assert("""{"eventSubscription":{"eventSubscriptionDetails":{"eventType":"REFUND_REQUESTED","destination":{"url":"https://my-webhook.com"}}}}""", read.AssertSuccess().Data);

        var neither = await Send(ApiClient.V2024_11_01, """
            mutation { createEventSubscription(input: { eventType: "REFUND_REQUESTED", destination: { webhook: { url: "https://my-webhook.com" } } }) { subscriptionId } }
            """);
        Assert.Contains("method is required", (string?)neither.AssertError("ValidationError", "ValidationError")["message"]);
    }

    [Fact]
    public async Task Auth_profiles_are_updated_and_deleted_as_documented_and_never_show_their_secrets()
    {
        (await Send(ApiClient.V2024_11_01, Docs.Request("2024-11-01/createAuthProfile.create-auth-profile-with-oauth-config"))).AssertSuccess();

        foreach (var example in new[] { "update-auth-profile-for-oauth", "update-auth-profile-for-basic-auth" })
        {
            var updated = await Send(ApiClient.V2024_11_01, Docs.Request($"2024-11-01/updateAuthProfile.{example}"));
            // The page shows the answer under "createAuthProfile" (a copy-paste slip); the field asked for is updateAuthProfile.
            JsonMatch.Assert(Docs.Response($"2024-11-01/updateAuthProfile.{example}").Replace("\"createAuthProfile\"", "\"updateAuthProfile\""), updated.AssertSuccess().Body);
        }
        // Stored sealed: neither the first nor the updated secret appears in the store's bytes.
        var stored = await StoredBytes(server, "SELECT config FROM auth_profiles");
        Assert.NotEmpty(stored);
        Assert.All(stored, blob => Assert.DoesNotContain("password", System.Text.Encoding.UTF8.GetString(blob)));
        Assert.All(stored, blob => Assert.DoesNotContain("client-secret", System.Text.Encoding.UTF8.GetString(blob)));
        AssertDocumentedError(await Send(ApiClient.V2024_11_01, Docs.Request("2024-11-01/deleteAuthProfile.delete-auth-profile-with-invalid-auth-profile-id")),
            "2024-11-01/deleteAuthProfile.delete-auth-profile-with-invalid-auth-profile-id");
        var deleted = await Send(ApiClient.V2024_11_01, Docs.Request("2024-11-01/deleteAuthProfile.delete-auth-profile")
            .Replace("\"example-auth-profile-id\"", "\"example-auth-profile-alias\""));
        JsonMatch.Assert(Docs.Response("2024-11-01/deleteAuthProfile.delete-auth-profile").Replace("\"example-auth-profile-id\"", "\"example-auth-profile-alias\""),
            deleted.AssertSuccess().Body);
    }

    [Fact]
    public async Task Documented_errors_invalid_region_unknown_event_type_duplicate_subscription_and_taken_destination_name()
    {
        AssertDocumentedError(await Send(ApiClient.V2024_11_01, Docs.Request("2024-11-01/createEventSubscription.create-event-subscription-with-event-bridge-input-with-invalid-region")),
            "2024-11-01/createEventSubscription.create-event-subscription-with-event-bridge-input-with-invalid-region");
        AssertDocumentedError(await Send(ApiClient.V2024_01_01, Docs.Request("2024-01-01/createEventSubscription.create-event-subscription-with-invalid-event-type-using-event-bridge-input")),
            "2024-01-01/createEventSubscription.create-event-subscription-with-invalid-event-type-using-event-bridge-input");
        // 2024-01-01 has no ORDER_CONFIRMED; 2024-11-01 still takes the deprecated DELIVERY_COMPLETED.
        (await Subscribe(ApiClient.V2024_01_01, "ORDER_CONFIRMED", Bridge("v1-order-source"))).AssertError("AccessDeniedError");
        (await Subscribe(ApiClient.V2024_11_01, "DELIVERY_COMPLETED", Webhook("https://shop.example.com/hooks"))).AssertSuccess();

        (await Subscribe(ApiClient.V2024_11_01, "REFUND_REQUESTED", Webhook("https://shop.example.com/hooks"))).AssertSuccess();
        (await Subscribe(ApiClient.V2024_11_01, "REFUND_REQUESTED", Webhook("https://shop.example.com/hooks"))).AssertError("ValidationError", "SubscriptionAlreadyExists");
        (await Subscribe(ApiClient.V2024_11_01, "REFUND_REQUESTED", Bridge("taken-source"))).AssertSuccess();
        var other = "bp-" + Guid.NewGuid();
        (await Subscribe(ApiClient.V2024_11_01, "REFUND_COMPLETED", Bridge("taken-source"), other)).AssertError("ValidationError", "DestinationNameAlreadyExists");
    }

    [Theory]
    [InlineData("http://shop.example.com/hooks", "must use https")]
    [InlineData("https://169.254.169.254/latest/meta-data", "never allowed")]
    [InlineData("https://[fd00:ec2::254]/", "never allowed")]
    [InlineData("https://10.0.0.8/hooks", "private network")]
    [InlineData("https://user:pass@shop.example.com/", "without credentials")]
    [InlineData("ftp://shop.example.com/", "absolute https URL")]
    [InlineData("not a url", "absolute https URL")]
    public async Task A_webhook_url_must_be_https_to_a_public_host_and_never_a_metadata_address(string url, string why)
    {
        var refused = await Subscribe(ApiClient.V2024_11_01, "REFUND_REQUESTED", Webhook(url));

        var error = refused.AssertError("ValidationError", "ValidationError");
        Assert.Contains("/createEventSubscription/input/destination/webhook/url", (string)error["message"]!);
        Assert.Contains(why, (string)error["message"]!);
    }

    [Fact]
    public async Task Another_targets_subscriptions_and_auth_profiles_are_access_denied()
    {
        var id = (string)(await Subscribe(ApiClient.V2024_11_01, "REFUND_REQUESTED", Webhook("https://shop.example.com/a"))).AssertSuccess().Data!["createEventSubscription"]!["subscriptionId"]!;
        (await Send(ApiClient.V2024_11_01, "mutation { createAuthProfile(input: { authProfileAliasId: \"mine\", authConfig: { basicAuthConfig: { username: \"u\", password: \"p\" } } }) { authProfileId } }"))
            .AssertSuccess();
        var stranger = "bp-" + Guid.NewGuid();

        foreach (var (version, document) in new[]
        {
            (ApiClient.V2024_11_01, $$"""{ eventSubscription(subscriptionId: "{{id}}") { subscriptionId } }"""),
            (ApiClient.V2024_11_01, $$"""mutation { deleteEventSubscription(subscriptionId: "{{id}}") { subscriptionId } }"""),
            (ApiClient.V2024_11_01, """mutation { updateAuthProfile(input: { authProfileId: "mine", authConfig: { basicAuthConfig: { username: "x", password: "y" } } }) { authProfileId } }"""),
            (ApiClient.V2024_11_01, """mutation { deleteAuthProfile(authProfileId: "mine") { authProfileId } }"""),
            (ApiClient.V2024_11_01, """mutation { createEventSubscription(input: { destination: { webhook: { url: "https://x.example.com", method: POST, authProfileId: "mine" } }, eventType: "REFUND_REQUESTED" }) { subscriptionId } }"""),
            (ApiClient.V2024_11_01, """{ eventSubscriptions { totalCount } }"""),
        })
            (await Send(version, document, stranger)).AssertError("AccessDeniedError");
        (await Send(ApiClient.V2024_11_01, $$"""{ eventSubscription(subscriptionId: "{{id}}") { subscriptionId } }""")).AssertSuccess();

        var readOnly = await server.Tokens.IssueAsync(_target, [Scopes.ViewOrderData]);
        (await server.Api.Send(_target, null, $$"""mutation { deleteEventSubscription(subscriptionId: "{{id}}") { subscriptionId } }""", bearer: readOnly))
            .AssertError("AccessDeniedError", "MissingScope");
    }

    [Fact]
    public async Task Event_subscriptions_page_by_cursor()
    {
        for (var i = 0; i < 5; i++) (await Subscribe(ApiClient.V2024_11_01, "REFUND_REQUESTED", Webhook($"https://shop.example.com/{i}"))).AssertSuccess();
        const string page = "query($after: String) { eventSubscriptions(first: 2, after: $after) { edges { cursor node { id } } pageInfo { endCursor hasNextPage hasPreviousPage } totalCount } }";

        var seen = new List<string>();
        string? after = null;
        do
        {
            var answer = (await server.Api.Send(_target, null, page, new JsonObject { ["after"] = after })).AssertSuccess().Data!["eventSubscriptions"]!;
            Assert.Equal(5, (int)answer["totalCount"]!);
            seen.AddRange(answer["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!));
            after = (bool)answer["pageInfo"]!["hasNextPage"]! ? (string)answer["pageInfo"]!["endCursor"]! : null;
        } while (after is not null);

        Assert.Equal(5, seen.Distinct().Count());
        (await server.Api.Send(_target, null, page, new JsonObject { ["after"] = "not a cursor" })).AssertError("ValidationError");
    }

    /// <summary>The byte columns a query reads from the server's store.</summary>
    public static async Task<List<byte[]>> StoredBytes(ServerFixture server, string sql)
    {
        var database = BwpOrders.Storage.StorageSpec.Open(server.Storage).Database;
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var blobs = new List<byte[]>();
        while (await reader.ReadAsync()) blobs.Add((byte[])reader.GetValue(0));
        return blobs;
    }

    private Task<GraphQLResponse> Send(string version, string document, string? target = null) => server.Api.Send(target ?? _target, version, document);

    private Task<GraphQLResponse> Subscribe(string version, string eventType, JsonObject destination, string? target = null) =>
        server.Api.Send(target ?? _target, version, "mutation($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { subscriptionId } }",
            new JsonObject { ["input"] = new JsonObject { ["destination"] = destination, ["eventType"] = eventType } });

    private static JsonObject Webhook(string url) => new() { ["webhook"] = new JsonObject { ["url"] = url, ["method"] = "POST" } };

    private static JsonObject Bridge(string name) => new()
    {
        ["eventBridge"] = new JsonObject { ["region"] = "us-east-1", ["partnerEventSource"] = new JsonObject { ["account"] = "919191919191", ["name"] = name } },
    };

    /// <summary>The documented error answer, but for where in our request the error points (the pages print theirs differently).</summary>
    private static void AssertDocumentedError(GraphQLResponse response, string documented)
    {
        var expected = JsonNode.Parse(Docs.Response(documented))!;
        var actual = response.Body.DeepClone();
        foreach (var error in expected["errors"]!.AsArray().Concat(actual["errors"]!.AsArray())) error!.AsObject().Remove("locations");
        JsonMatch.Assert(expected.ToJsonString(), actual);
    }
}
