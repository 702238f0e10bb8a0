using System.Net;
using BwpOrders.Domain.Access;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>POST /control/v1/targets</c> on a sandbox: any authenticated caller gets a fresh, empty target with an all-scopes
/// credential (its secret shown once), limited per credential (Control:NewTargetsPerMinute), off with Control:NewTargets=false.
/// </summary>
public sealed class TargetCreationTests : IClassFixture<TargetCreationTests.Fixture>
{
    public sealed class Fixture() : ServerFixtureWith([.. ServerFixture.HighRateLimits, "--Control:NewTargetsPerMinute=3"]);

    private readonly ServerFixture _server;
    public TargetCreationTests(Fixture fixture) => _server = fixture.Server;

    private async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Body)> NewTarget(string bearer) =>
        await _server.Api.Control(HttpMethod.Post, "/targets", "", bearer: bearer);

    private Task<string> FreshCaller() => _server.Tokens.ForTarget("bp-caller-" + Guid.NewGuid());

    [Fact]
    public async Task A_fresh_target_comes_with_an_all_scopes_credential_that_works_on_it_and_only_on_it()
    {
        var callerTarget = "bp-caller-" + Guid.NewGuid();
        var (status, body) = await NewTarget(await _server.Tokens.ForTarget(callerTarget));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["clientId", "clientSecret", "scopes", "targetId"], body.AsObject().Select(p => p.Key).Order());
        Assert.Equal(Scopes.All, body["scopes"]!.AsArray().Select(s => (string)s!));
        var target = (string)body["targetId"]!;
        var token = await _server.Tokens.ExchangeAsync((string)body["clientId"]!, (string)body["clientSecret"]!);
        var setup = new OrderSetup(new ApiClient(_server.Api.Http, _ => Task.FromResult(token)), target);

        Assert.Empty(await new TargetControl(setup.Api, target).Subscriptions()); // empty
        var order = await setup.Create();
        Assert.Equal(order.Id, (string)(await setup.Read(order.Id, "id"))["id"]!);
        (await _server.Api.Send(callerTarget, null, "{ order(orderIdentifier: { orderId: \"x\" }) { id } }", bearer: token)).AssertError("AccessDeniedError", "TargetNotAllowed");

        var (_, another) = await NewTarget(await FreshCaller());
        Assert.NotEqual(target, (string)another["targetId"]!);
        Assert.NotEqual((string)body["clientId"]!, (string)another["clientId"]!);
        var stored = await _server.Credentials.AuthenticateAsync((string)body["clientId"]!, (string)body["clientSecret"]!);
        Assert.Equal(target, stored!.TargetId);
        Assert.DoesNotContain((string)body["clientSecret"]!, stored.SecretHash); // stored hashed
    }

    [Fact]
    public async Task Without_a_valid_token_no_target_is_made()
    {
        var (status, body) = await NewTarget("");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("InvalidToken", (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"]);
    }

    [Fact]
    public async Task A_credential_making_more_targets_than_its_limit_a_minute_is_answered_429_with_retry_after()
    {
        var caller = await FreshCaller();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await NewTarget(caller)).Status);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/control/v1/targets");
        request.Headers.Authorization = new("Bearer", caller);
        using var refused = await _server.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await NewTarget(await FreshCaller())).Status); // another caller is not held back
    }
}

/// <summary>With <c>Control:NewTargets=false</c> the route refuses, and nothing else of the control API changes.</summary>
public sealed class NewTargetsDisabledTests : IClassFixture<NewTargetsDisabledTests.Fixture>
{
    public sealed class Fixture() : ServerFixtureWith([.. ServerFixture.HighRateLimits, "--Control:NewTargets=false"]);

    private readonly ServerFixture _server;
    public NewTargetsDisabledTests(Fixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task New_targets_are_refused_403_and_reset_still_works()
    {
        var target = "bp-" + Guid.NewGuid();
        var (status, body) = await _server.Api.Control(HttpMethod.Post, "/targets", target);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("NewTargetsDisabled", (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"]);
        var credentials = await StorageSpec.Open(_server.Storage).Credentials.ListAsync();
        Assert.Single(credentials, c => c.TargetId.StartsWith("bp-test-") || c.TargetId == target); // only the caller's own
        await new TargetControl(_server.Api, target).Reset();
    }
}

/// <summary>A production server has none of the test helpers: reset, snapshots and new targets answer 403 SandboxOnly and change nothing.</summary>
public sealed class TestingApiProductionTests : IClassFixture<TestingApiProductionTests.Fixture>
{
    public sealed class Fixture() : ServerFixtureWith(ServerFixture.HighRateLimits, production: true);

    private readonly ServerFixture _server;
    public TestingApiProductionTests(Fixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task Reset_snapshots_and_new_targets_are_refused_and_the_target_keeps_its_order()
    {
        var setup = new OrderSetup(_server.Api, "bp-prod-" + Guid.NewGuid());
        var order = await setup.Create();
        foreach (var (method, path) in new[] { (HttpMethod.Post, "/reset"), (HttpMethod.Post, "/snapshots"), (HttpMethod.Get, "/snapshots"),
                     (HttpMethod.Post, "/snapshots/any/restore"), (HttpMethod.Delete, "/snapshots/any"), (HttpMethod.Post, "/targets") })
        {
            var (status, body) = await _server.Api.Control(method, path, setup.Target);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("SandboxOnly", (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"]);
        }
        Assert.Equal(order.Id, (string)(await setup.Read(order.Id, "id"))["id"]!);
    }
}
