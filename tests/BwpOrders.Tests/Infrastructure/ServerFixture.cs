using BwpOrders.Domain;
using BwpOrders.Server.Hosting;
using BwpOrders.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>A real Kestrel server on a loopback port with its own SQLite file, one per test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "bwp-tests", Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(Directory, "orders.db");
    public Uri BaseAddress { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;

    /// <summary>A second handle on the same database file, for reading what the server stored.</summary>
    public IOrderStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = await BwpServer.BuildAsync(new ServerOptions("http://127.0.0.1:0", $"sqlite:{DatabasePath}"));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Api = new ApiClient(new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) });
        Store = new SqliteOrderStore(DatabasePath);
    }

    /// <summary>
    /// Everything stored about an order: its document, version and outbox. Equal snapshots before and after
    /// a rejected request prove it changed nothing.
    /// </summary>
    public async Task<string> Snapshot(string targetId, string orderId)
    {
        var stored = await Store.FindAsync(targetId, new BwpOrders.Domain.Commands.OrderLookup(OrderId: orderId));
        var outbox = await Store.ReadOutboxAsync(targetId, orderId);
        return $"v{stored?.Version}|{(stored is null ? "missing" : OrderJson.Serialize(stored.Order))}|{string.Join(",", outbox.Select(e => e.Sequence + e.EventType))}";
    }

    /// <summary>Runs <paramref name="rejected"/> and asserts the stored order is exactly as before.</summary>
    public async Task<T> AssertChangesNothing<T>(string targetId, string orderId, Func<Task<T>> rejected)
    {
        var before = await Snapshot(targetId, orderId);
        var result = await rejected();
        Assert.Equal(before, await Snapshot(targetId, orderId));
        return result;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
