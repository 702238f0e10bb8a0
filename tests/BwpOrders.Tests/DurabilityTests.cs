using BwpOrders.Domain.Commands;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>A server killed with SIGKILL loses no acknowledged write and shows no half-applied one.</summary>
public sealed class DurabilityTests : FreshStorageTest
{
    [Fact]
    public async Task Acknowledged_writes_survive_kill_9()
    {
        const string target = "bp-durability";
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, List<string>>();
        var orders = new List<CreatedOrder>();

        await using (var first = await ServerProcess.StartAsync(Storage))
        {
            var setup = new OrderSetup(first.Api, target);
            for (var i = 0; i < 8; i++) orders.Add(await setup.Create());

            // Writers keep adding refunds until the server dies under them.
            using var stop = new CancellationTokenSource();
            var writers = orders.Select(order => Task.Run(async () =>
            {
                var acks = acknowledged.GetOrAdd(order.Id, _ => []);
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        var response = await setup.Update(order.Id, ConcurrencyTests.RefundInput($"{order.Id}-{n}", order.LineItemId));
                        response.AssertSuccess();
                        lock (acks) acks.Add($"{order.Id}-{n}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return; }
                }
            })).ToList();

            // Kill right after a good number of acknowledgements, while writes are still in flight.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Values.Sum(a => { lock (a) return a.Count; }) < 40 && DateTime.UtcNow < deadline) await Task.Delay(20);
            first.KillHard();
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Values.Sum(a => a.Count) > 20, "the writers should have been acknowledged many times before the kill");

        await using var second = await ServerProcess.StartAsync(Storage);
        var reader = new OrderSetup(second.Api, target);
        var store = StorageSpec.Open(Storage).Orders;
        foreach (var order in orders)
        {
            var stored = await reader.Read(order.Id, "refunds { details { aliases { aliasId } } }");
            var present = stored["refunds"]!["details"]!.AsArray().Select(d => (string)d!["aliases"]![0]!["aliasId"]!).ToHashSet();
            Assert.Superset(acknowledged[order.Id].ToHashSet(), present);

            // Whole writes only: every stored version has its refund and its events, nothing more.
            var record = await store.FindAsync(target, new OrderLookup(OrderId: order.Id));
            Assert.Equal(record!.Version - 1, present.Count);
            var events = await store.ReadOutboxAsync(target, order.Id);
            Assert.Equal(present.Count, events.Count(e => e.EventType == "REFUND_COMPLETED"));
            Assert.Equal(record.Version, (await store.ReadChangesAsync(target, order.Id)).Count);
        }
    }
}
