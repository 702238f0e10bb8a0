namespace BwpOrders.Storage;

/// <summary>Settings of the stores: the server binds them from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// Budget of the orders kept deserialized for readers (<see cref="Relational.SharedOrders"/>), in estimated bytes of
    /// memory; 0 turns the cache off.
    /// </summary>
    public long OrderCacheBytes { get; set; } = 32L << 20;

    /// <summary>
    /// Check on every use of a kept order that no reader has changed it (it is shared, so one must not). Costs a
    /// serialization per read: the test suite turns it on, so every test also checks the read paths it runs.
    /// </summary>
    public bool VerifySharedOrders { get; set; }
}
