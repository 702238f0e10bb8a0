namespace BwpOrders.Domain.Catalog;

/// <summary>
/// A target's catalog products. Every product is the target's own: no read or write reaches another target's. The
/// SKU, external id and Amazon SKU are each unique within a target; a write that would repeat one is refused with
/// <see cref="ErrorCodes.DuplicateProductIdentifier"/> and changes nothing.
/// </summary>
public interface ICatalogStore
{
    Task<CatalogProduct?> FindAsync(string targetId, ProductLookup identifier, CancellationToken ct = default);

    /// <summary>
    /// Up to <paramref name="max"/> products that <paramref name="filter"/> matches, after <paramref name="afterId"/>
    /// (null: from the first), by id: only fewer when no more match.
    /// </summary>
    Task<IReadOnlyList<CatalogProduct>> ListAsync(string targetId, string? afterId, int max, ProductFilter filter, CancellationToken ct = default);

    /// <summary>The purchase groups (their representative products) that have <paramref name="productId"/> among their members, by id.</summary>
    Task<IReadOnlyList<CatalogProduct>> GroupsWithMemberAsync(string targetId, string productId, CancellationToken ct = default);

    /// <summary>The variations (members) of the group <paramref name="representativeId"/> represents, by id.</summary>
    Task<IReadOnlyList<CatalogProduct>> VariationsOfAsync(string targetId, string representativeId, CancellationToken ct = default);

    Task InsertAsync(string targetId, CatalogProduct product, CancellationToken ct = default);

    /// <summary>
    /// Applies <paramref name="apply"/> to the product as stored and stores the result, retrying on a concurrent write
    /// (so it may run more than once and must not do I/O).
    /// </summary>
    /// <returns>The product before and after, or null when the target has no such product.</returns>
    Task<(CatalogProduct Before, CatalogProduct After)?> UpdateAsync(string targetId, ProductLookup identifier, Func<CatalogProduct, CatalogProduct> apply, CancellationToken ct = default);

    /// <returns>The product deleted, or null when the target has none by that identifier.</returns>
    Task<CatalogProduct?> DeleteAsync(string targetId, ProductLookup identifier, CancellationToken ct = default);

    /// <summary>Writes <paramref name="products"/> in one transaction, replacing those with the same id (all or nothing).</summary>
    Task ImportAsync(string targetId, IReadOnlyList<CatalogProduct> products, CancellationToken ct = default);
}
