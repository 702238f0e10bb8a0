using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The production log stream: JSON lines with request ids, and never a secret, token or personal data.</summary>
public sealed class LoggingTests : FreshStorageTest
{
    [Fact]
    public async Task Logs_carry_request_ids_and_no_secrets_tokens_or_personal_data()
    {
        var storage = Storage;
        await using var server = await ServerProcess.StartAsync(storage);
        const string target = "bp-logging";
        var credentials = new CredentialService(BwpOrders.Storage.StorageSpec.Open(storage).Credentials, TimeProvider.System);
        var issued = await credentials.CreateAsync(target, Scopes.Orders);
        var token = await server.Tokens.ExchangeAsync(issued.Credential.ClientId, issued.ClientSecret);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Tokens.ExchangeAsync(issued.Credential.ClientId, "wrong-" + issued.ClientSecret));

        string[] personal = ["Zelda Privatename", "zelda.private@example.com", "742 Evergreen Terrace", "555-0199"];
        var create = await server.Api.Send(target, null, "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }", new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["lineItems"] = new JsonArray(OrderSetup.LineItem("Mug", 1, 0)),
                ["customer"] = new JsonObject { ["contact"] = new JsonObject { ["emailData"] = new JsonObject { ["name"] = personal[0], ["email"] = personal[1] } } },
                ["recipient"] = new JsonObject { ["deliveryAddress"] = new JsonObject { ["name"] = personal[0], ["streetAddress"] = personal[2], ["contactNumber"] = personal[3] } },
            },
        }, bearer: token);
        create.AssertSuccess();
        var lookup = await server.Api.Get(target, null, $"{{ order(orderIdentifier: {{ alias: {{ aliasType: \"EMAIL\", aliasId: \"{personal[1]}\" }} }}) {{ id }} }}", bearer: token);
        lookup.AssertError("ResourceNotFoundError");
        (await server.Api.Send(target, null, "{ __typename }", bearer: "forged." + token)).AssertError("AccessDeniedError");

        // Webhook credentials: a profile with a secret, a subscription using it, and a wrongly typed one whose error could echo it.
        const string webhookSecret = "wh-secret-Quokka-7731";
        await using var sink = await WebhookSink.StartAsync();
        (await server.Api.Send(target, null, $$"""
            mutation { createAuthProfile(input: { authProfileAliasId: "logged", authConfig: { oAuthConfig: { clientParameters: { clientId: "c", clientSecret: "{{webhookSecret}}" },
              authEndpoint: "{{sink.Url("/oauth/token")}}", httpMethod: POST } } }) { authProfileId } }
            """, bearer: token)).AssertSuccess();
        (await server.Api.Send(target, null, $$"""
            mutation { createAuthProfile(input: { authConfig: { basicAuthConfig: { username: "u", password: ["{{webhookSecret}}"] } } }) { authProfileId } }
            """, bearer: token)).AssertError("ValidationError");
        await new EventSubscriber(server.Api, target).Webhook("ORDER_CONFIRMED", sink.Url("/hooks/logged"), authProfileId: "logged");
        (await server.Api.Send(target, null, "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }",
            new JsonObject { ["input"] = new JsonObject { ["lineItems"] = new JsonArray(OrderSetup.LineItem("Mug", 1, 0)) } }, bearer: token)).AssertSuccess();
        await sink.WaitFor("/hooks/logged", r => r.Count == 1);

        using var health = await server.Api.Http.GetAsync("/healthz");
        var requestId = health.Headers.GetValues("x-request-id").Single();

        // The console logger writes in order: once the last request's line is out, so is every line before it.
        await server.WaitForOutputAsync(line => line.Contains(requestId), "no log line of the last request");
        server.KillHard();
        var lines = server.Output.ToList();
        var log = string.Join("\n", lines);

        foreach (var secret in personal.Append(issued.ClientSecret).Append(token).Append(token.Split('.')[2]).Append(webhookSecret).Append("sink-token-1"))
            Assert.DoesNotContain(secret, log);
        var requestLines = lines.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).Where(j => (string?)j["Category"] == "BwpOrders.Requests").ToList();
        Assert.True(requestLines.Count >= 5, $"expected a log line per request, got:\n{log}");
        Assert.All(requestLines, line => Assert.Contains(line["Scopes"]!.AsArray(), scope => scope?["RequestId"] is not null));
        Assert.Contains(requestLines, line => line["Scopes"]!.AsArray().Any(scope => (string?)scope?["RequestId"] == requestId));
        // Each GraphQL error is a line with its code and path (the lookup's alias, a personal email, is not among them: checked above).
        var errorLines = lines.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).Where(j => ((string?)j["Message"])?.StartsWith("GraphQL error") == true).ToList();
        Assert.Contains(errorLines, line => (string?)line["State"]?["Path"] == "order" && (string?)line["State"]?["Version"] == "2024-11-01");
        Assert.Contains(errorLines, line => (string?)line["State"]?["Code"] == "InvalidToken" && (string?)line["State"]?["Path"] == "(request)");
    }
}
