using System.Collections.Concurrent;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>An event committed is delivered even if the process dies right after the commit.</summary>
public sealed class EventCrashTests : FreshStorageTest
{
    [Fact]
    public async Task An_event_committed_just_before_a_sigkill_is_delivered_after_the_restart_once()
    {
        await using var sink = await WebhookSink.StartAsync();
        const string target = "bp-crash-events";
        string orderId;
        // A process that commits but does not deliver (Events:Deliver=false), killed the moment the order is acknowledged.
        await using (var doomed = await ServerProcess.StartAsync(Storage, new Dictionary<string, string> { ["Events__Deliver"] = "false" }))
        {
            await new EventSubscriber(doomed.Api, target).Webhook("ORDER_CONFIRMED", sink.Url("/hooks/crash"));
            orderId = (await new OrderSetup(doomed.Api, target).Create()).Id;
            doomed.KillHard();
        }
        Assert.Empty(sink.At("/hooks/crash"));

        await using var restarted = await ServerProcess.StartAsync(Storage);
        var delivered = await sink.WaitFor("/hooks/crash", r => r.Count == 1);

        Assert.Equal($"businessProduct/{target}/order/{orderId}", (string?)delivered[0].Json["resources"]![0]);
        await Task.Delay(1500);
        Assert.Single(sink.At("/hooks/crash"));
    }
}

/// <summary>Several processes on one PostgreSQL database share delivery: each event reaches its subscription once.</summary>
[Collection(TimingSensitive.Name)]
public sealed class EventScaleOutTests : IAsyncLifetime
{
    private TestStorage? _storage;

    [PostgresFact]
    public async Task Two_processes_deliver_150_events_each_exactly_once()
    {
        const string target = "bp-events-scale-out";
        await using var sink = await WebhookSink.StartAsync();
        await using var first = await ServerProcess.StartAsync(_storage!.Spec);
        await using var second = await ServerProcess.StartAsync(_storage.Spec);
        await new EventSubscriber(first.Api, target).Webhook("ORDER_CONFIRMED", sink.Url("/hooks/shared"));
        var servers = new[] { first, second };

        var created = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 150).Select(async n => created.Add((await new OrderSetup(servers[n % 2].Api, target).Create()).Id)));
        var received = await sink.WaitFor("/hooks/shared", r => r.Select(x => (string)x.Json["eventId"]!).Distinct().Count() == 150, seconds: 30);
        await Task.Delay(2000); // a second copy of anything would have arrived by now

        Assert.Equal(150, sink.At("/hooks/shared").Count);
        Assert.Equal(created.Select(id => $"businessProduct/{target}/order/{id}").Order(),
            received.Select(r => (string)r.Json["resources"]![0]!).Order());
    }

    public async Task InitializeAsync()
    {
        if (TestStorage.PostgresPass) _storage = await TestStorage.CreatePostgresAsync();
    }

    public async Task DisposeAsync()
    {
        if (_storage is not null) await _storage.DisposeAsync();
    }
}
