using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Events;
using BwpOrders.Storage.Postgres;
using BwpOrders.Storage.Relational;
using BwpOrders.Storage.Sqlite;

namespace BwpOrders.Storage;

/// <summary>One storage engine's stores, opened from a storage spec.</summary>
public sealed record BwpStorage(RelationalDatabase Database, IOrderStore Orders, IClockStore Clocks, ICredentialStore Credentials,
    ITargetStateStore TargetStates, TargetStateEvents TargetStateEvents, Domain.Catalog.ICatalogStore Catalog,
    Domain.Checkout.IDeliveryPreviewStore DeliveryPreviews)
{
    /// <summary>The event subscriptions and deliveries, whose secrets <paramref name="secrets"/> seals; <paramref name="clock"/> stamps new deliveries.</summary>
    public IEventStore Events(SecretBox secrets, TimeProvider? clock = null) => new RelationalEventStore(Database, secrets, clock ?? TimeProvider.System);
}

/// <summary>Parses a storage spec: <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c> (Npgsql keyword format).</summary>
public static class StorageSpec
{
    public const string Default = "sqlite:./data/bwp-orders.db";

    public static BwpStorage Open(string spec, StorageOptions? options = null)
    {
        options ??= new StorageOptions();
        var colon = spec.IndexOf(':');
        var (engine, rest) = colon < 0 ? (spec, "") : (spec[..colon], spec[(colon + 1)..]);
        var timeout = options.OperationTimeoutSeconds is > 0 and <= 3600 ? TimeSpan.FromSeconds(options.OperationTimeoutSeconds)
            : throw new ArgumentException("Storage:OperationTimeoutSeconds must be between 1 and 3600.");
        RelationalDatabase db = engine switch
        {
            "sqlite" when rest.Length > 0 => new SqliteDatabase(rest) { OperationTimeout = timeout },
            "postgres" when rest.Length > 0 => new PostgresDatabase(rest) { OperationTimeout = timeout },
            _ => throw new ArgumentException($"Unknown storage spec '{Redact(spec)}'. Use sqlite:PATH or postgres:CONNECTION_STRING."),
        };
        var orders = new RelationalOrderStore(db, options);
        var stateEvents = new TargetStateEvents();
        stateEvents.Replaced += _ => orders.ForgetSharedOrders();
        return new BwpStorage(db, orders, new RelationalClockStore(db), new RelationalCredentialStore(db), new RelationalTargetStates(db, stateEvents), stateEvents,
            new RelationalCatalogStore(db), new RelationalDeliveryPreviewStore(db));
    }

    /// <summary>
    /// Where a spec's data lives, for a person reading the start-up lines: <c>sqlite /full/path.db</c> or
    /// <c>postgres host:port/database as user</c>. Never the password; the redacted spec if it cannot be read.
    /// </summary>
    public static string Describe(string spec)
    {
        var colon = spec.IndexOf(':');
        var (engine, rest) = colon < 0 ? (spec, "") : (spec[..colon], spec[(colon + 1)..]);
        try
        {
            if (engine == "sqlite" && rest.Length > 0) return $"sqlite {Path.GetFullPath(rest)}";
            if (engine == "postgres" && rest.Length > 0)
            {
                var postgres = new Npgsql.NpgsqlConnectionStringBuilder(rest);
                return $"postgres {postgres.Host}:{postgres.Port}/{postgres.Database ?? postgres.Username} as {postgres.Username}";
            }
        }
        catch (ArgumentException) { } // a malformed spec: Open says what is wrong with it
        return Redact(spec);
    }

    /// <summary>A spec fit for messages: never echoes a password.</summary>
    public static string Redact(string spec) =>
        System.Text.RegularExpressions.Regex.Replace(spec, @"(?i)(password|pwd)=[^;]*", "$1=***");
}
