using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;
using Npgsql;

namespace BwpOrders.Tests;

/// <summary>
/// PostgreSQL stops answering (a partition, a frozen primary) between the server and its database, through a relay the
/// test controls: every request still answers within Limits:RequestTimeoutSeconds, with a clean error, reads and
/// writes alike; a stop still ends within the shutdown timeout; and once the database answers again, so does the server.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const string Target = "bp-outage";
    private const int RequestTimeoutSeconds = 8, ShutdownTimeoutSeconds = 4;
    private TestStorage? _storage;
    private TcpRelay? _relay;

    [PostgresFact]
    public async Task While_the_database_does_not_answer_every_request_answers_in_time_and_afterwards_they_succeed_again()
    {
        await using var server = await StartAsync();
        var setup = new OrderSetup(server.Api, Target);
        var order = await setup.Create();
        await setup.Read(order.Id, "id");

        _relay!.Freeze();
        Func<Task<(int, string?)>> Request(int n) => (n % 3) switch
        {
            0 => () => Answer(server.Api.Send(Target, null, "query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }", new() { ["id"] = order.Id })),
            1 => () => Answer(setup.Update(order.Id, ConcurrencyTests.RefundInput($"outage-{n}", order.LineItemId))),
            _ => () => Answer(server.Api.Control(HttpMethod.Get, "/clock", Target)),
        };
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(n => Timed(Request(n))).Append(Timed(async () =>
        {
            using var ready = await server.Api.Http.GetAsync("/readyz");
            return ((int)ready.StatusCode, null);
        })));

        Assert.All(outcomes, o => Assert.True(o.Elapsed < TimeSpan.FromSeconds(RequestTimeoutSeconds), $"answered after {o.Elapsed}: {o.Status} {o.Type}"));
        // Success where nothing needed the database (a clock offset read shortly before), else an error in BwP's shape, never a bare 5xx.
        Assert.All(outcomes.SkipLast(1), o => Assert.True(o is { Status: 200, Type: null } or { Type: "InternalServerError" }, $"{o.Status} {o.Type}"));
        Assert.All(outcomes.Where((_, n) => n % 3 == 1), o => Assert.Equal("InternalServerError", o.Type)); // every update needs it
        Assert.Equal(503, outcomes[^1].Status);

        _relay.Thaw();
        await Eventually(async () => (await setup.Update(order.Id, ConcurrencyTests.RefundInput("after-outage", order.LineItemId))).AssertSuccess());
        await Eventually(async () => Assert.Equal(order.Id, (string?)(await setup.Read(order.Id, "id"))["id"]));
    }

    [PostgresFact]
    public async Task A_stop_ends_within_the_shutdown_timeout_while_requests_wait_for_a_database_that_does_not_answer()
    {
        var server = await StartAsync();
        var setup = new OrderSetup(server.Api, Target);
        var order = await setup.Create();

        _relay!.Freeze();
        var waiting = Enumerable.Range(0, 8).Select(n => setup.Update(order.Id, ConcurrencyTests.RefundInput($"stop-{n}", order.LineItemId))).ToList();
        await Task.Delay(1000); // they are now waiting on the database
        var stopped = await server.TerminateAsync(TimeSpan.FromSeconds(ShutdownTimeoutSeconds + 10));

        Assert.True(stopped < TimeSpan.FromSeconds(ShutdownTimeoutSeconds + 3), $"the server took {stopped} to stop");
        foreach (var request in waiting)
            try { await request; } catch (HttpRequestException) { } // answered, or cut off by the stop: either way not hanging
        await server.DisposeAsync();
    }

    private async Task<ServerProcess> StartAsync()
    {
        var direct = new NpgsqlConnectionStringBuilder(_storage!.Spec["postgres:".Length..]);
        _relay = TcpRelay.To(direct.Host!, direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = _relay.Port };
        return await ServerProcess.StartAsync("postgres:" + relayed.ConnectionString, new Dictionary<string, string>
        {
            ["Limits__RequestTimeoutSeconds"] = RequestTimeoutSeconds.ToString(),
            ["Limits__ShutdownTimeoutSeconds"] = ShutdownTimeoutSeconds.ToString(),
            ["Storage__OperationTimeoutSeconds"] = "3",
        });
    }

    private sealed record Outcome(TimeSpan Elapsed, int Status, string? Type);

    private static async Task<Outcome> Timed(Func<Task<(int Status, string? Type)>> request)
    {
        var started = Stopwatch.GetTimestamp();
        var (status, type) = await request();
        return new Outcome(Stopwatch.GetElapsedTime(started), status, type);
    }

    private static async Task<(int, string?)> Answer(Task<GraphQLResponse> sent)
    {
        var response = await sent;
        return ((int)response.Status, (string?)response.Errors.FirstOrDefault()?["extensions"]?["classification"]?["type"]);
    }

    private static async Task<(int, string?)> Answer(Task<(HttpStatusCode Status, JsonNode Body)> sent)
    {
        var (status, body) = await sent;
        return ((int)status, (string?)body["errors"]?[0]?["extensions"]?["classification"]?["type"]);
    }

    private static async Task Eventually(Func<Task> check)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await check();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (TestStorage.PostgresPass) _storage = await TestStorage.CreatePostgresAsync();
    }

    public async Task DisposeAsync()
    {
        if (_relay is not null) await _relay.DisposeAsync();
        if (_storage is not null) await _storage.DisposeAsync();
    }
}
