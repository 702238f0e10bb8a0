using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime.Internal.Auth;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// EventBridge destinations: each event goes out as a PutEvents call signed with AWS Signature Version 4, in the
/// shape of the subscription's version. The endpoint is the sink standing in for EventBridge (moto's server is
/// not reachable from this machine's package sources); it checks the signature as AWS would, from the request it got.
/// </summary>
public sealed class EventBridgeDeliveryTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private readonly OrderSetup _setup = new(fixture.Server.Api, "bp-" + Guid.NewGuid());

    [Fact]
    public async Task Each_version_gets_its_own_eventbridge_event_signed_with_sigv4()
    {
        var events = new EventSubscriber(fixture.Server.Api, _setup.Target);
        var legacyName = "legacy-" + Guid.NewGuid().ToString("N")[..8];
        var currentName = "current-" + Guid.NewGuid().ToString("N")[..8];
        await events.Subscribe(ApiClient.V2024_01_01, "DELIVERY_COMPLETED", Bridge(legacyName));
        await events.Subscribe(ApiClient.V2024_11_01, "PACKAGE_DELIVERED", Bridge(currentName));
        var order = await _setup.Create(executionState: "STARTED");
        await new BwpSide(fixture.Server.Api, _setup.Target).DeliverAll(order.Id);

        var calls = await fixture.Sink.WaitFor("/eventbridge", r => r.Count(c => Encoding.UTF8.GetString(c.Body).Contains(order.Id)) == 2);

        var entries = calls.Where(c => Encoding.UTF8.GetString(c.Body).Contains(order.Id)).ToDictionary(c => (string)Entry(c)["Source"]!);
        Assert.All(entries.Values, AssertSignedAsAwsWould);
        var package = (await new BwpSide(fixture.Server.Api, _setup.Target).Packages(order.Id)).Single();
        var resource = $"businessProduct/{_setup.Target}/order/{order.Id}/delivery/{package.Id}";

        var legacy = Entry(entries[$"aws.partner/buywithprime/{legacyName}"]);
        Assert.Equal(("DELIVERY_COMPLETED", "{}", resource), ((string?)legacy["DetailType"], (string?)legacy["Detail"], (string?)legacy["Resources"]![0]));
        var current = Entry(entries[$"aws.partner/buywithprime/{currentName}"]);
        var detail = JsonNode.Parse((string)current["Detail"]!)!;
        Assert.Equal(("PACKAGE_DELIVERED", "PACKAGE_DELIVERED", "2024-11-01", resource),
            ((string?)current["DetailType"], (string?)detail["eventDescriptor"], (string?)detail["apiVersion"], (string?)detail["resources"]![0]));
        Assert.Equal("AWSEvents.PutEvents", entries.Values.First().Header("x-amz-target"));
    }

    private static JsonNode Entry(Received call) => call.Json["Entries"]![0]!;

    private static JsonObject Bridge(string name) => new()
    {
        ["eventBridge"] = new JsonObject { ["region"] = "eu-west-1", ["partnerEventSource"] = new JsonObject { ["account"] = "123456789012", ["name"] = name } },
    };

    /// <summary>Recomputes the SigV4 signature from what arrived (method, path, signed headers, body) with the AWS SDK's signer.</summary>
    private static void AssertSignedAsAwsWould(Received call)
    {
        var authorization = call.Header("authorization");
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={EventServerFixture.AccessKeyId}/", authorization);
        var scope = authorization.Split("Credential=")[1].Split(',')[0].Split('/');
        Assert.Equal(("eu-west-1", "events", "aws4_request"), (scope[2], scope[3], scope[4]));
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0];
        var canonicalHeaders = string.Concat(signedHeaders.Split(';').Select(h => $"{h}:{call.Header(h).Trim()}\n"));
        var canonical = $"POST\n{call.Path}\n\n{canonicalHeaders}\n{signedHeaders}\n{Convert.ToHexString(SHA256.HashData(call.Body)).ToLowerInvariant()}";
        var signedAt = DateTime.ParseExact(call.Header("x-amz-date"), "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = AWS4Signer.ComputeSignature(EventServerFixture.AccessKeyId, EventServerFixture.SecretAccessKey, "eu-west-1", signedAt, "events", signedHeaders, canonical);
        Assert.Equal(expected.ForAuthorizationHeader, authorization);
    }
}
