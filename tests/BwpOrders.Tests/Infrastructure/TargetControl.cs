using System.Net;
using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>A test suite's side of one target: reset, snapshots, the clock and what the target holds, over the control API.</summary>
public sealed class TargetControl(ApiClient api, string target)
{
    public async Task Reset()
    {
        var (status, body) = await api.Control(HttpMethod.Post, "/reset", target);
        Assert.True(status == HttpStatusCode.NoContent, $"{(int)status} {body.ToJsonString()}");
    }

    public async Task<string> Snapshot(string? name = null)
    {
        var (status, body) = await api.Control(HttpMethod.Post, "/snapshots", target, name is null ? null : new JsonObject { ["name"] = name });
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body.ToJsonString()}");
        return (string)body["snapshotId"]!;
    }

    public async Task Restore(string snapshotId)
    {
        var (status, body) = await api.Control(HttpMethod.Post, $"/snapshots/{snapshotId}/restore", target);
        Assert.True(status == HttpStatusCode.NoContent, $"{(int)status} {body.ToJsonString()}");
    }

    public async Task Advance(double seconds) =>
        Assert.Equal(HttpStatusCode.OK, (await api.Control(HttpMethod.Post, "/clock/advance", target, new JsonObject { ["seconds"] = seconds })).Status);

    public async Task<double> ClockOffset() => (double)(await api.Control(HttpMethod.Get, "/clock", target)).Body["offsetSeconds"]!;

    /// <summary>The target's subscription ids, in the order they were made (none: BwP answers AccessDeniedError).</summary>
    public async Task<List<string>> Subscriptions()
    {
        var response = await api.Send(target, ApiClient.V2024_11_01, "{ eventSubscriptions(first: 100) { edges { node { id } } } }");
        if (response.Errors.Count > 0)
        {
            response.AssertError("AccessDeniedError");
            return [];
        }
        return response.Data!["eventSubscriptions"]!["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!).ToList();
    }

    /// <summary>The delivery log as id, state and attempts: what a restore must bring back exactly.</summary>
    public async Task<List<string>> Deliveries()
    {
        var (status, body) = await api.Control(HttpMethod.Get, "/deliveries", target);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body["deliveries"]!.AsArray().Select(d => $"{d!["id"]}/{d["state"]}/{d["attempts"]!.AsArray().Count}").ToList();
    }

    /// <summary>Waits until every delivery is DELIVERED and there are <paramref name="count"/> (the worker records attempts after sending).</summary>
    public async Task<List<string>> DeliveredLog(int count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(50))
        {
            var log = await Deliveries();
            if (log.Count == count && log.All(d => d.Contains("/DELIVERED/"))) return log;
            if (DateTime.UtcNow > deadline) Assert.Fail($"expected {count} delivered deliveries, the log has: {string.Join(", ", log)}");
        }
    }

    /// <summary>The order's change log with its events and deliveries, as <c>/control/v1/orders/{id}/timeline</c> shows it.</summary>
    public async Task<string> Timeline(string orderId)
    {
        var (status, body) = await api.Control(HttpMethod.Get, $"/orders/{orderId}/timeline", target);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body.ToJsonString();
    }

    /// <summary>Makes an auth profile with this alias id; false when the target already has one (refused as BwP refuses it).</summary>
    public async Task<bool> TryCreateAuthProfile(string aliasId, string tokenUrl)
    {
        var response = await api.Send(target, ApiClient.V2024_11_01, "mutation($input: CreateAuthProfileInput!) { createAuthProfile(input: $input) { authProfileId } }",
            new JsonObject { ["input"] = new JsonObject { ["authProfileAliasId"] = aliasId, ["authConfig"] = new JsonObject { ["oAuthConfig"] = new JsonObject
            {
                ["clientParameters"] = new JsonObject { ["clientId"] = "merchant-client", ["clientSecret"] = "merchant-secret-" + aliasId }, ["authEndpoint"] = tokenUrl, ["httpMethod"] = "POST",
            } } } });
        if (response.Errors.Count == 0) return true;
        response.AssertError("ValidationError");
        return false;
    }
}
