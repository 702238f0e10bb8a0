using BwpOrders.Domain;
using BwpOrders.Domain.Access;
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

    /// <summary>Correctness tests fire bursts of requests; rate limits are tested with their own settings.</summary>
    public static readonly string[] HighRateLimits = ["--Limits:RequestsPerSecond=100000", "--Limits:RequestBurst=100000"];

    /// <summary>Configuration the server starts with (command-line form, e.g. <c>--Limits:MaxQueryDepth=5</c>).</summary>
    public string[] ConfigurationArgs { get; init; } = HighRateLimits;

    /// <summary>The server's clock. Tests that expire tokens pass a <see cref="ManualClock"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "bwp-tests", Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(Directory, "orders.db");
    public Uri BaseAddress { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;

    /// <summary>A second handle on the same database file, for reading what the server stored.</summary>
    public IOrderStore Store { get; private set; } = null!;

    /// <summary>Creates credentials in the server's store (what <c>credentials create</c> does).</summary>
    public CredentialService Credentials { get; private set; } = null!;
    public TokenSource Tokens { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = await BwpServer.BuildAsync(new ServerOptions("http://127.0.0.1:0", $"sqlite:{DatabasePath}", Clock), ConfigurationArgs);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        var db = new SqliteDatabase(DatabasePath);
        Store = new SqliteOrderStore(db);
        Credentials = new CredentialService(new SqliteCredentialStore(db), TimeProvider.System);
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Tokens = new TokenSource(http, Credentials);
        Api = new ApiClient(http, Tokens.ForTarget);
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
