namespace BwpOrders.Domain.Catalog;

/// <summary>
/// A target's catalog: what createProduct, updateProduct, deleteProduct, product(s) and a catalog import do. The store
/// records the events a write causes (<see cref="CatalogEvents"/>); <paramref name="events"/> wakes their dispatcher.
/// </summary>
public sealed class CatalogService(ICatalogStore store, SimulatedClock clock, EventSignal? events = null)
{
    public const int MaxPageSize = 20;

    public async Task<CatalogProduct> CreateAsync(string targetId, ProductFields fields, CancellationToken ct = default)
    {
        var product = CatalogRules.Create(fields, await NowAsync(targetId, ct));
        if (fields.Variation is { } variation) product = product with { Variation = await VariationAsync(targetId, null, variation, ct) };
        await store.InsertAsync(targetId, product, ct);
        events?.Notify();
        return product;
    }

    public async Task<CatalogProduct> UpdateAsync(string targetId, ProductLookup identifier, ProductFields fields, CancellationToken ct = default)
    {
        var now = await NowAsync(targetId, ct);
        VariationMembership? membership = null;
        if (fields.Variation is { } variation)
            membership = await VariationAsync(targetId, (await store.FindAsync(targetId, identifier, ct) ?? throw NotFound()).Id, variation, ct);
        var updated = await store.UpdateAsync(targetId, identifier, product =>
        {
            var changed = CatalogRules.Update(product, fields, now);
            return membership is null ? changed : changed with { Variation = membership };
        }, ct);
        events?.Notify();
        return updated?.After ?? throw NotFound();
    }

    /// <summary>The variations in the group <paramref name="representativeId"/> represents, by id.</summary>
    public Task<IReadOnlyList<CatalogProduct>> VariationsOfAsync(string targetId, string representativeId, CancellationToken ct = default) =>
        store.VariationsOfAsync(targetId, representativeId, ct);

    private async Task<VariationMembership> VariationAsync(string targetId, string? productId, VariationRequest request, CancellationToken ct)
    {
        var representative = await store.FindAsync(targetId, request.Representative, ct);
        var ownMembers = productId is null ? 0 : (await store.VariationsOfAsync(targetId, productId, ct)).Count;
        var groupMembers = representative is null ? [] : (await store.VariationsOfAsync(targetId, representative.Id, ct)).Select(p => p.Id).ToList();
        return VariationRules.Membership(productId, request, representative, ownMembers, groupMembers);
    }

    public async Task<CatalogProduct> DeleteAsync(string targetId, ProductLookup identifier, CancellationToken ct = default) =>
        await store.DeleteAsync(targetId, identifier, ct) ?? throw NotFound();

    public async Task<CatalogProduct> GetAsync(string targetId, ProductLookup identifier, CancellationToken ct = default) =>
        await store.FindAsync(targetId, identifier, ct) ?? throw NotFound();

    public Task<CatalogProduct?> FindAsync(string targetId, ProductLookup identifier, CancellationToken ct = default) =>
        store.FindAsync(targetId, identifier, ct);

    public Task<IReadOnlyList<CatalogProduct>> GroupsWithMemberAsync(string targetId, string productId, CancellationToken ct = default) =>
        store.GroupsWithMemberAsync(targetId, productId, ct);

    /// <summary>One page of the products <paramref name="filter"/> matches, by id, and whether more follow.</summary>
    public async Task<(IReadOnlyList<CatalogProduct> Products, bool HasNext)> PageAsync(string targetId, string? afterId, int first, ProductFilter filter,
        CancellationToken ct = default)
    {
        var products = await store.ListAsync(targetId, afterId, first + 1, filter, ct);
        return (products.Take(first).ToList(), products.Count > first);
    }

    /// <summary>
    /// A purchase group (bundle): <paramref name="representative"/> (an existing product) or a product created from
    /// <paramref name="newRepresentative"/> stands for <paramref name="members"/>, each an existing product.
    /// </summary>
    public async Task<CatalogProduct> CreatePurchaseGroupAsync(string targetId, ProductLookup? representative, ProductFields? newRepresentative,
        IReadOnlyList<(ProductLookup Product, Model.Quantity Amount)> members, CancellationToken ct = default)
    {
        if (members.Count == 0)
            throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("members"), "a purchase group needs at least one member product.");
        var resolved = new List<PurchaseGroupMember>();
        for (var i = 0; i < members.Count; i++)
        {
            var member = await store.FindAsync(targetId, members[i].Product, ct) ?? throw NotFound(FieldPath.Of("members")[i].Field("product"));
            if (members[i].Amount.Value <= 0)
                throw BwpException.Validation(ErrorCodes.InvalidAmount, FieldPath.Of("members")[i].Field("memberAmount"), "a member amount must be positive.");
            resolved.Add(new PurchaseGroupMember(member.Id, members[i].Amount));
        }
        var now = await NowAsync(targetId, ct);
        if (newRepresentative is not null)
        {
            var product = CatalogRules.Create(newRepresentative, now) with { Members = resolved };
            await store.InsertAsync(targetId, product, ct);
            events?.Notify();
            return product;
        }
        var updated = await store.UpdateAsync(targetId, representative!, product => resolved.Any(m => m.ProductId == product.Id)
            ? throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("members"), "a purchase group's representative product cannot be one of its members.")
            : product with { Members = resolved, UpdatedAt = now }, ct);
        events?.Notify();
        return updated?.After ?? throw NotFound(FieldPath.Of("representativeProduct").Field("representativeProductId"));
    }

    /// <summary>
    /// Loads products in one transaction (a sandbox catalog file): each new, or replacing the product with its id
    /// or SKU; purchase groups name their members by SKU, in this import or already in the catalog.
    /// </summary>
    public async Task<IReadOnlyList<CatalogProduct>> ImportAsync(string targetId, IReadOnlyList<ImportedProduct> imported, CancellationToken ct = default)
    {
        var now = await NowAsync(targetId, ct);
        var products = new List<CatalogProduct>();
        for (var i = 0; i < imported.Count; i++)
        {
            var existing = imported[i] switch
            {
                { Id: { } id } => await store.FindAsync(targetId, new(ProductLookupKind.ProductId, id), ct),
                { Fields.Sku: { } sku } => await store.FindAsync(targetId, new(ProductLookupKind.Sku, sku), ct),
                _ => null,
            };
            products.Add(CatalogImport.Product(imported[i], existing, now, FieldPath.Of("products")[i]));
        }
        products = await CatalogImport.ResolveMembersAsync(products, imported, sku => store.FindAsync(targetId, new(ProductLookupKind.Sku, sku), ct));
        await store.ImportAsync(targetId, products, ct);
        events?.Notify();
        return products;
    }

    private async Task<string> NowAsync(string targetId, CancellationToken ct) => Timestamps.Format(await clock.NowAsync(targetId, ct));

    /// <summary>
    /// An unknown product, as BwP's deleteProduct page answers it: this exact message and no code (at
    /// <paramref name="where"/> when the product is one of several the request names).
    /// </summary>
    public static BwpException NotFound(FieldPath? where = null) =>
        new(ErrorKind.ResourceNotFound, null, "Request references a resource which does not exist.", where);
}
