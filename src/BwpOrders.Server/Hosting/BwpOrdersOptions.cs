namespace BwpOrders.Server.Hosting;

/// <summary>What <see cref="BwpOrdersHost.StartAsync"/> makes at start on a sandbox server.</summary>
public enum SandboxCredentialPolicy
{
    /// <summary>No credential; create them with <c>credentials create</c> or <see cref="Domain.Access.CredentialService"/>.</summary>
    Never,
    /// <summary>One with both order scopes when the store has no credential yet (<c>serve</c>'s default).</summary>
    WhenStoreHasNone,
    /// <summary>A new one at every start (<c>serve --sandbox</c>).</summary>
    Always,
}

/// <summary>How to start a BwP Order API server: where it listens, its store, its mode and its settings.</summary>
public sealed record BwpOrdersOptions
{
    /// <summary>Addresses to listen on, separated by <c>;</c>. Port 0 picks a free port (<see cref="RunningBwpOrders.BaseAddress"/> says which).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>
    /// <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>. Required: the command line's default,
    /// <c>./data/bwp-orders.db</c>, is relative to its working directory, which an embedding application should choose itself.
    /// </summary>
    public required string Storage { get; init; }

    /// <summary>The server's clock; tests inject one to expire tokens without waiting. Null: the system clock.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Move packages along on the targets' clocks (<c>serve --simulate-fulfillment</c>).</summary>
    public bool SimulateFulfillment { get; init; }

    /// <summary>Serve the schemas as BwP's production API does: without the sandbox mutations, and never make a sandbox credential.</summary>
    public bool Production { get; init; }

    /// <summary>
    /// Draw generated ids (orders, items, packages, returns, refunds, tracking and RMA numbers, subscriptions, snapshots)
    /// from a sequence fixed by this seed, so the same requests in the same order on a fresh store get the same ids
    /// (<c>serve --seed N</c>). Null: random. Secrets, signing keys, credentials and target ids stay random.
    /// </summary>
    public int? Seed { get; init; }

    public SandboxCredentialPolicy SandboxCredential { get; init; } = SandboxCredentialPolicy.WhenStoreHasNone;

    /// <summary>Settings by configuration key (<c>Limits:MaxQueryDepth</c> → <c>"5"</c>); they win over every other source.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Also read settings from the process, as the command line does: environment variables (<c>Limits__MaxQueryDepth</c>,
    /// <c>ASPNETCORE_ENVIRONMENT</c>) and an <c>appsettings.json</c> in the application's folder. Off by default, so an
    /// embedding process's own variables and files do not leak into the server: only <see cref="Configuration"/> and
    /// the built-in defaults apply.
    /// </summary>
    public bool ReadProcessConfiguration { get; init; }

    /// <summary>Where the server logs. Null: JSON lines on the console, as <c>serve</c> writes them.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }
}
