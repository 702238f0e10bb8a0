using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Storage.Sqlite;

namespace BwpOrders.Storage;

/// <summary>One storage engine's stores, opened from a storage spec.</summary>
public sealed record BwpStorage(IOrderStore Orders, ICredentialStore Credentials);

/// <summary>Parses a storage spec (<c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>).</summary>
public static class StorageSpec
{
    public const string Default = "sqlite:./data/bwp-orders.db";

    public static BwpStorage Open(string spec)
    {
        var colon = spec.IndexOf(':');
        var (engine, rest) = colon < 0 ? (spec, "") : (spec[..colon], spec[(colon + 1)..]);
        switch (engine)
        {
            case "sqlite" when rest.Length > 0:
                var db = new SqliteDatabase(rest);
                return new BwpStorage(new SqliteOrderStore(db), new SqliteCredentialStore(db));
            case "postgres":
                throw new ArgumentException("PostgreSQL storage is not available in this build yet; use sqlite:PATH.");
            default:
                throw new ArgumentException($"Unknown storage spec '{spec}'. Use sqlite:PATH or postgres:CONNECTION_STRING.");
        }
    }
}
