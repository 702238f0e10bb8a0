using BwpOrders.Domain;
using BwpOrders.Storage.Sqlite;

namespace BwpOrders.Storage;

/// <summary>Parses a storage spec (<c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>) into a store.</summary>
public static class StorageSpec
{
    public const string Default = "sqlite:./data/bwp-orders.db";

    public static IOrderStore Open(string spec)
    {
        var colon = spec.IndexOf(':');
        var (engine, rest) = colon < 0 ? (spec, "") : (spec[..colon], spec[(colon + 1)..]);
        return engine switch
        {
            "sqlite" when rest.Length > 0 => new SqliteOrderStore(rest),
            "postgres" => throw new ArgumentException("PostgreSQL storage is not available in this build yet; use sqlite:PATH."),
            _ => throw new ArgumentException($"Unknown storage spec '{spec}'. Use sqlite:PATH or postgres:CONNECTION_STRING."),
        };
    }
}
