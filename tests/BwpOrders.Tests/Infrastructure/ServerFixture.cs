using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Hosting;
using BwpOrders.Storage;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>A real Kestrel server on a loopback port with its own fresh store (SQLite file or PostgreSQL database), one per test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private RunningBwpOrders? _server;

    /// <summary>Correctness tests fire bursts of requests; rate limits are tested with their own settings.</summary>
    public static readonly string[] HighRateLimits = ["--Limits:RequestsPerSecond=100000", "--Limits:RequestBurst=100000"];

    /// <summary>Configuration the server starts with (command-line form, e.g. <c>--Limits:MaxQueryDepth=5</c>).</summary>
    public string[] ConfigurationArgs { get; init; } = HighRateLimits;

    /// <summary>The server's clock. Tests that expire tokens pass a <see cref="ManualClock"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary><c>serve --simulate-fulfillment</c>.</summary>
    public bool SimulateFulfillment { get; init; }

    /// <summary><c>serve --seed N</c>.</summary>
    public int? Seed { get; init; }

    /// <summary><c>serve --environment production</c>.</summary>
    public bool Production { get; init; }

    private TestStorage _storage = null!;

    /// <summary>The server's storage spec, for reading what it stored directly.</summary>
    public string Storage => _storage.Spec;
    public Uri BaseAddress { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;

    /// <summary>A second handle on the same database file, for reading what the server stored.</summary>
    public IOrderStore Store { get; private set; } = null!;

    /// <summary>Creates credentials in the server's store (what <c>credentials create</c> does).</summary>
    public CredentialService Credentials { get; private set; } = null!;
    public TokenSource Tokens { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _storage = await TestStorage.CreateAsync();
        // The process's configuration too: SharedOrderChecks turns a storage check on through an environment variable.
        _server = await BwpOrdersHost.StartAsync(new BwpOrdersOptions
        {
            Storage = _storage.Spec, Clock = Clock, SimulateFulfillment = SimulateFulfillment, Production = Production, Seed = Seed,
            SandboxCredential = SandboxCredentialPolicy.Never, Configuration = Settings(ConfigurationArgs), ReadProcessConfiguration = true,
        });
        BaseAddress = _server.BaseAddress;
        var storage = StorageSpec.Open(_storage.Spec);
        Store = storage.Orders;
        Credentials = new CredentialService(storage.Credentials, TimeProvider.System);
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Tokens = new TokenSource(http, Credentials);
        Api = new ApiClient(http, Tokens.ForTarget);
    }

    /// <summary><c>--Section:Key=value</c> pairs as settings by key; a later pair wins, as on a command line.</summary>
    private static Dictionary<string, string?> Settings(IEnumerable<string> args)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var pair in args.Select(a => a.TrimStart('-').Split('=', 2))) settings[pair[0]] = pair[1];
        return settings;
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
        if (_server is not null) await _server.DisposeAsync();
        await _storage.DisposeAsync();
    }
}
