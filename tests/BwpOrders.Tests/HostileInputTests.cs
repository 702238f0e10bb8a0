using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Generated malformed or hostile requests (<see cref="HostileRequests"/>): each gets a clear 4xx or GraphQL error
/// in BwP's shape, the server stays up, nothing refused is cached, and the stored orders are byte-for-byte unchanged.
/// </summary>
public sealed class HostileInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Fact]
    public async Task Two_hundred_hostile_requests_are_refused_cleanly_and_change_nothing()
    {
        var (orders, before) = await CreateOrders();
        var cases = new HostileRequests(orders, seed: 20261123).Classic().ToList();
        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        foreach (var hostile in cases)
        {
            var (status, json) = await Send(hostile);
            Assert.True(status is 200 or (>= 400 and < 500), $"{hostile.Name}: HTTP {status} {json}");
            var errors = json["errors"]?.AsArray();
            Assert.True(errors is { Count: > 0 }, $"{hostile.Name}: expected an error, got {json}");
            foreach (var error in errors!)
            {
                var type = (string?)error!["extensions"]?["classification"]?["type"];
                Assert.True(type is "ValidationError" or "ResourceNotFoundError" or "ConflictError", $"{hostile.Name}: unexpected classification in {json}");
            }
        }
        await AssertHealthyAndUnchanged(orders, before);
    }

    [Fact]
    public async Task A_mixed_flood_with_oversized_documents_gets_no_5xx_caches_nothing_refused_and_changes_nothing()
    {
        var (orders, before) = await CreateOrders();
        var cachedBefore = await Metrics.Read(server.Api.Http, "bwp_document_cache_entries");
        var statuses = new Dictionary<int, int>();
        var requests = new HostileRequests(orders, seed: 7).Mix(total: 1_000, oversized: 100).ToList();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (hostile, _) =>
        {
            var (status, json) = await Send(hostile);
            lock (statuses) statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status is 200 or (>= 400 and < 500), $"{hostile.Name}: HTTP {status} {json}");
            foreach (var error in json["errors"]?.AsArray() ?? [])
                Assert.NotNull(error!["extensions"]?["classification"]?["type"]);
        });

        // Every oversized document was refused, so none can be in the cache; the few mutated documents that
        // still validated may be.
        var cachedAfter = await Metrics.Read(server.Api.Http, "bwp_document_cache_entries");
        Assert.True(cachedAfter - cachedBefore <= requests.Count(r => r.Name == "mutated"), $"cache grew by {cachedAfter - cachedBefore}");
        Assert.True(await Metrics.Read(server.Api.Http, "bwp_document_cache_bytes") < 1_000_000,
            "the cache holds only small, valid documents");
        Assert.True(statuses.GetValueOrDefault(400) >= 100, $"statuses: {string.Join(", ", statuses)}");
        await AssertHealthyAndUnchanged(orders, before);
    }

    private async Task<(List<HostileTarget>, string[])> CreateOrders()
    {
        var orders = new List<HostileTarget>();
        for (var i = 0; i < 3; i++)
        {
            var order = await _setup.Create(lineItems: 2, aliases: OrderSetup.Aliases(("EXTERNAL_ID", $"hostile-{i}")));
            await _setup.AddRefund(order.Id, order.LineItemId, "SUCCESS");
            await _setup.AddReturn(order.Id, order.LineItemIds[1], OrderSetup.Aliases(("EXTERNAL-RETURN-ID", $"r-{i}")));
            orders.Add(new HostileTarget(order.Id, order.LineItemIds));
        }
        return (orders, await Task.WhenAll(orders.Select(o => server.Snapshot(_setup.Target, o.OrderId))));
    }

    private async Task<(int Status, JsonNode Json)> Send(HostileRequest hostile)
    {
        var token = await server.Tokens.ForTarget(_setup.Target);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(hostile.Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        request.Headers.Add("x-api-target-id", _setup.Target);
        request.Headers.Authorization = new("Bearer", token);
        foreach (var (name, value) in hostile.Headers ?? [])
        {
            request.Headers.Remove(name);
            if (value is not null) request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await server.Api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"{hostile.Name}: empty body"));
    }

    private async Task AssertHealthyAndUnchanged(List<HostileTarget> orders, string[] before)
    {
        using var health = await server.Api.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(before, await Task.WhenAll(orders.Select(o => server.Snapshot(_setup.Target, o.OrderId))));
    }
}
