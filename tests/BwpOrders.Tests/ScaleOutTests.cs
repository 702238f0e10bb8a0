using System.Collections.Concurrent;
using BwpOrders.Domain.Commands;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Several server processes on one PostgreSQL database: no lost, duplicated or half-applied writes.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const string Target = "bp-scale-out";
    private TestStorage? _storage;

    [PostgresFact]
    public async Task Two_processes_add_200_refunds_to_each_of_4_orders_and_every_change_lands_exactly_once()
    {
        const int perOrder = 200;
        await using var first = await ServerProcess.StartAsync(_storage!.Spec);
        await using var second = await ServerProcess.StartAsync(_storage.Spec);
        var servers = new[] { first, second };
        var orders = new List<CreatedOrder>();
        for (var i = 0; i < 4; i++) orders.Add(await new OrderSetup(first.Api, Target).Create());

        // 4 orders x 200 additions, alternating between the processes, 24 in flight at a time.
        var work = new ConcurrentQueue<(CreatedOrder Order, int N)>(orders.SelectMany(o => Enumerable.Range(0, perOrder).Select(n => (o, n))).OrderBy(_ => Random.Shared.Next()));
        await Task.WhenAll(Enumerable.Range(0, 24).Select(worker => Task.Run(async () =>
        {
            var setup = new OrderSetup(servers[worker % 2].Api, Target);
            while (work.TryDequeue(out var item))
                (await setup.Update(item.Order.Id, ConcurrencyTests.RefundInput($"{item.Order.Id}-{item.N}", item.Order.LineItemId))).AssertSuccess();
        })));

        var store = StorageSpec.Open(_storage.Spec).Orders;
        foreach (var order in orders)
        {
            var stored = await new OrderSetup(second.Api, Target).Read(order.Id, "refunds { details { aliases { aliasId } } }");
            var aliases = stored["refunds"]!["details"]!.AsArray().Select(d => (string)d!["aliases"]![0]!["aliasId"]!).ToList();
            Assert.Equal(Enumerable.Range(0, perOrder).Select(n => $"{order.Id}-{n}").Order(), aliases.Order());

            var record = await store.FindAsync(Target, new OrderLookup(OrderId: order.Id));
            Assert.Equal(perOrder + 1, record!.Version);
            var events = await store.ReadOutboxAsync(Target, order.Id);
            Assert.Equal(Enumerable.Range(1, perOrder + 1).Select(v => (long)v), (await store.ReadChangesAsync(Target, order.Id)).Select(c => c.Version));
            Assert.Equal(Enumerable.Range(2, perOrder).Select(v => (long)v), events.Where(e => e.EventType == "REFUND_COMPLETED").Select(e => e.OrderVersion).Order());
            Assert.Equal(1 + perOrder, events.Count); // ORDER_CONFIRMED, then one REFUND_COMPLETED per change
        }
    }

    [PostgresFact]
    public async Task Killing_one_process_mid_load_loses_no_acknowledged_write_and_leaves_nothing_half_applied()
    {
        await using var doomed = await ServerProcess.StartAsync(_storage!.Spec);
        await using var survivor = await ServerProcess.StartAsync(_storage.Spec);
        var orders = new List<CreatedOrder>();
        for (var i = 0; i < 4; i++) orders.Add(await new OrderSetup(survivor.Api, Target).Create());
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var server = worker % 2 == 0 ? doomed : survivor;
            var setup = new OrderSetup(server.Api, Target);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var order = orders[(worker + n) % orders.Count];
                var alias = $"w{worker}-{n}";
                try
                {
                    (await setup.Update(order.Id, ConcurrencyTests.RefundInput(alias, order.LineItemId))).AssertSuccess();
                    acknowledged.Add(alias);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (server == doomed) return; // its process is gone; the survivor's writers go on
                    throw;
                }
            }
        })).ToList();

        // Kill the first process once it has acknowledged a fair share of writes (even workers write through it).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (acknowledged.Count(DoomedWrote) < 20 && DateTime.UtcNow < deadline) await Task.Delay(50);
        doomed.KillHard();
        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(writers);

        var store = StorageSpec.Open(_storage.Spec).Orders;
        var present = new HashSet<string>();
        foreach (var order in orders)
        {
            var stored = await new OrderSetup(survivor.Api, Target).Read(order.Id, "refunds { details { aliases { aliasId } } }");
            var aliases = stored["refunds"]!["details"]!.AsArray().Select(d => (string)d!["aliases"]![0]!["aliasId"]!).ToList();
            Assert.Equal(aliases.Count, aliases.Distinct().Count());
            present.UnionWith(aliases);

            // Whole writes only: each version has exactly its refund and its events.
            var record = await store.FindAsync(Target, new OrderLookup(OrderId: order.Id));
            Assert.Equal(record!.Version - 1, aliases.Count);
            var events = await store.ReadOutboxAsync(Target, order.Id);
            Assert.Equal(aliases.Count, events.Count(e => e.EventType == "REFUND_COMPLETED"));
            Assert.Equal(aliases.Count + 1, (await store.ReadChangesAsync(Target, order.Id)).Count);
        }
        Assert.Superset(acknowledged.ToHashSet(), present);
        Assert.True(acknowledged.Count(DoomedWrote) >= 20, "the killed process should have acknowledged writes before dying");
    }

    [PostgresFact]
    public async Task Dropped_connections_are_retried_and_never_half_applied()
    {
        await using var server = await ServerProcess.StartAsync(_storage!.Spec);
        var orders = new List<CreatedOrder>();
        for (var i = 0; i < 4; i++) orders.Add(await new OrderSetup(server.Api, Target).Create());
        var database = new Npgsql.NpgsqlConnectionStringBuilder(_storage.Spec["postgres:".Length..]).Database;
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var killing = new TaskCompletionSource();

        // Keep killing every server connection to the database while the writers run.
        var killer = Task.Run(async () =>
        {
            await using var admin = new Npgsql.NpgsqlConnection(TestStorage.PostgresServer);
            await admin.OpenAsync();
            var kills = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var command = new Npgsql.NpgsqlCommand(
                    "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
                command.Parameters.AddWithValue("db", database!);
                kills += Convert.ToInt32(await command.ExecuteScalarAsync());
                killing.TrySetResult();
                await Task.Delay(150);
            }
            return kills;
        });
        await killing.Task; // the writers start while connections are being dropped
        var setup = new OrderSetup(server.Api, Target);
        // 120 writes at once, 30 to each order (writes to one order queue behind each other: see ConcurrencyTests).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 120).Select(async n =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var order = orders[n % orders.Count];
            var response = await setup.Update(order.Id, ConcurrencyTests.RefundInput($"drop-{n}", order.LineItemId));
            if (response.Errors.Count == 0) acknowledged.Add($"drop-{n}");
            return (Response: response, Elapsed: System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }));
        stop.Cancel();
        Assert.True(await killer > 0, "the test should have dropped connections");

        // Every request answered within the request timeout (30 s); anything not acknowledged failed with a clean error,
        // never a transport failure or a stack trace.
        Assert.All(outcomes, o => Assert.True(o.Elapsed < TimeSpan.FromSeconds(30), $"answered after {o.Elapsed}"));
        Assert.All(outcomes.Where(o => o.Response.Errors.Count > 0), o => o.Response.AssertError("InternalServerError"));
        var slowest = outcomes.Max(o => o.Elapsed);
        var errors = string.Join("; ", outcomes.Where(o => o.Response.Errors.Count > 0)
            .GroupBy(o => $"{(int)o.Response.Status} {o.Response.Errors[0]!["message"]}").Select(g => $"{g.Count()} x {g.Key}"));
        Assert.True(acknowledged.Count >= 100, $"retries should carry most writes through, got {acknowledged.Count} of 120 (slowest {slowest}; {errors})");
        var store = StorageSpec.Open(_storage.Spec).Orders;
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            var stored = await setup.Read(order.Id, "refunds { details { aliases { aliasId } } }");
            var present = stored["refunds"]!["details"]!.AsArray().Select(d => (string)d!["aliases"]![0]!["aliasId"]!).ToHashSet();
            Assert.Superset(acknowledged.Where(a => int.Parse(a["drop-".Length..]) % orders.Count == i).ToHashSet(), present); // every acknowledged write is there
            var record = await store.FindAsync(Target, new OrderLookup(OrderId: order.Id));
            Assert.Equal(record!.Version - 1, present.Count);
            Assert.Equal(present.Count, (await store.ReadOutboxAsync(Target, order.Id)).Count(e => e.EventType == "REFUND_COMPLETED"));
        }
    }

    private static bool DoomedWrote(string alias) => int.Parse(alias[1..alias.IndexOf('-')]) % 2 == 0;

    public async Task InitializeAsync()
    {
        if (TestStorage.PostgresPass) _storage = await TestStorage.CreatePostgresAsync();
    }

    public async Task DisposeAsync()
    {
        if (_storage is not null) await _storage.DisposeAsync();
    }
}
