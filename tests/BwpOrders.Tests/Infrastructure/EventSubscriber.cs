using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>A merchant's side of events: subscribing through BwP's Event interface, and checking what arrives.</summary>
public sealed class EventSubscriber(ApiClient api, string target)
{
    /// <summary>Subscribes (2024-11-01) to one event type at a webhook URL, optionally with an auth profile; returns the subscription id.</summary>
    public async Task<string> Webhook(string eventType, string url, string? authProfileId = null, JsonObject? authConfig = null)
    {
        var webhook = new JsonObject { ["url"] = url, ["method"] = "POST" };
        if (authProfileId is not null) webhook["authProfileId"] = authProfileId;
        if (authConfig is not null) webhook["authConfig"] = authConfig;
        return await Subscribe(ApiClient.V2024_11_01, eventType, new JsonObject { ["webhook"] = webhook });
    }

    public async Task<string> Subscribe(string version, string eventType, JsonObject destination)
    {
        var response = await api.Send(target, version, "mutation($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { subscriptionId } }",
            new JsonObject { ["input"] = new JsonObject { ["destination"] = destination, ["eventType"] = eventType } });
        return (string)response.AssertSuccess().Data!["createEventSubscription"]!["subscriptionId"]!;
    }

    public async Task Unsubscribe(string subscriptionId) =>
        (await api.Send(target, ApiClient.V2024_11_01, $$"""mutation { deleteEventSubscription(subscriptionId: "{{subscriptionId}}") { subscriptionId } }""")).AssertSuccess();

    /// <summary>The target's delivery log (newest first), optionally filtered.</summary>
    public async Task<JsonArray> Deliveries(string query = "")
    {
        var (status, body) = await api.Control(HttpMethod.Get, "/deliveries" + query, target);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body["deliveries"]!.AsArray();
    }

    /// <summary>Checks a received webhook's signature against the server's published keys, as a merchant would.</summary>
    public static async Task AssertSigned(HttpClient server, Received received)
    {
        var jwks = new JsonWebKeySet(await server.GetStringAsync("/jwks.json"));
        var key = jwks.Keys.SingleOrDefault(k => k.Kid == received.Header("x-amzn-kid"))
                  ?? throw new Xunit.Sdk.XunitException($"key {received.Header("x-amzn-kid")} is not published at /jwks.json");
        Assert.Equal(("EC", "P-384"), (key.Kty, key.Crv));
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(key.X), Y = Base64UrlEncoder.DecodeBytes(key.Y) },
        });
        Assert.True(ecdsa.VerifyData(received.Body, Convert.FromBase64String(received.Header("x-amzn-signature")), HashAlgorithmName.SHA384),
            "the x-amzn-signature does not verify against the published key");
    }
}
