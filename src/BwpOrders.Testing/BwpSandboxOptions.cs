using Microsoft.Extensions.Logging;

namespace BwpOrders.Testing;

/// <summary>How <see cref="BwpSandbox.StartAsync"/> starts its server. Every setting has a default that suits a test.</summary>
public sealed record BwpSandboxOptions
{
    /// <summary>The <c>x-api-version</c> that <see cref="BwpSandbox.GraphQLAsync"/> sends when the call names none. Null: none, which is the newest.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// <c>postgres:CONNECTION_STRING</c> or <c>sqlite:PATH</c>, kept after the sandbox stops. Null: a SQLite file in a
    /// new temporary folder, deleted on dispose. Each sandbox makes its own target, so sandboxes may share a database.
    /// </summary>
    public string? Storage { get; init; }

    /// <summary>BwP's side ships and delivers packages on the target's clock (<c>serve --simulate-fulfillment</c>).</summary>
    public bool SimulateFulfillment { get; init; } = true;

    /// <summary>Where the server logs. Null: nowhere, so a test run's output stays the test's.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The server's time at start (every target's clock starts there, then runs). Null: now.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Server settings by key (<c>Limits:RequestsPerSecond</c> → <c>"500"</c>), as the README's tables name them.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();
}

/// <summary>A credential as merchant code uses it: the client id and secret for <c>POST /token</c>, its target (<c>x-api-target-id</c>) and its scopes.</summary>
public sealed record BwpCredential(string ClientId, string ClientSecret, string TargetId, IReadOnlyList<string> Scopes);
