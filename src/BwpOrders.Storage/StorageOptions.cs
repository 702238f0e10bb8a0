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

    /// <summary>
    /// How long one storage operation may take, its retries of transient failures included, before it fails (see
    /// <see cref="Relational.RelationalDatabase.OperationTimeout"/>). Work done for a request is also cancelled with the
    /// request (Limits:RequestTimeoutSeconds); this bounds the rest (event delivery, scheduled actions, the CLI).
    /// </summary>
    public int OperationTimeoutSeconds { get; set; } = 20;
}
