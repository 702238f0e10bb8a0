using System.Data.Common;
using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Catalog products as JSON documents keyed by target and product id, with their SKU, external id and Amazon SKU in
/// columns of their own: unique per target (a repeat is a unique violation, refused), and how a product is found by
/// any of its identifiers. Every write records the events it causes (<see cref="CatalogEvents"/>) in the outbox, in its
/// transaction.
/// </summary>
public sealed class RelationalCatalogStore(RelationalDatabase db) : ICatalogStore
{
    private const string Columns = "product_id, sku, external_id, amazon_sku, version, document";

    /// <summary>How many products a filtered listing reads at a time when it checks each one (a regex).</summary>
    private const int ScanBatch = 200;

    public async Task<CatalogProduct?> FindAsync(string targetId, ProductLookup identifier, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Columns} FROM catalog_products WHERE target_id = @t AND {Column(identifier.Kind)} = @v", ct,
            ("@t", targetId), ("@v", identifier.Value))).FirstOrDefault().Product;

    public async Task<IReadOnlyList<CatalogProduct>> ListAsync(string targetId, string? afterId, int max, ProductFilter filter, CancellationToken ct = default)
    {
        var narrowing = new List<(string Name, object Value)>();
        var where = CatalogFilterSql.Narrowing(filter, narrowing);
        // SQL narrows by the exact operations; the filter itself decides (a regex only there). With a regex, the
        // listing reads on in batches from the last product read until enough match or no products are left.
        var batch = filter.NeedsScan ? Math.Max(max, ScanBatch) : max;
        var sql = $"SELECT {Columns} FROM catalog_products WHERE target_id = @t AND product_id > @after{where} ORDER BY product_id LIMIT {batch}";
        var found = new List<CatalogProduct>();
        var after = afterId ?? "";
        while (true)
        {
            var rows = await QueryAsync(sql, ct, [("@t", targetId), ("@after", after), .. narrowing]);
            found.AddRange(rows.Select(r => r.Product!).Where(filter.Matches).Take(max - found.Count));
            if (found.Count >= max || rows.Count < batch) return found;
            after = rows[^1].Product!.Id;
        }
    }

    public async Task<IReadOnlyList<CatalogProduct>> GroupsWithMemberAsync(string targetId, string productId, CancellationToken ct = default) =>
        // A group keeps its members in its document: LIKE narrows the target's products to those naming the id, the
        // members themselves decide (LIKE's wildcards and SQLite's case-blindness only ever let more rows through).
        (await QueryAsync($"SELECT {Columns} FROM catalog_products WHERE target_id = @t AND document LIKE @member ORDER BY product_id", ct,
            ("@t", targetId), ("@member", $"%\"productId\":\"{productId}\"%")))
        .Select(r => r.Product!).Where(group => group.Members?.Any(m => m.ProductId == productId) == true).ToList();

    public async Task<IReadOnlyList<CatalogProduct>> VariationsOfAsync(string targetId, string representativeId, CancellationToken ct = default) =>
        // A variation keeps its representative in its document: LIKE narrows, the membership decides (as for purchase groups).
        (await QueryAsync($"SELECT {Columns} FROM catalog_products WHERE target_id = @t AND document LIKE @rep ORDER BY product_id", ct,
            ("@t", targetId), ("@rep", $"%\"representativeId\":\"{representativeId}\"%")))
        .Select(r => r.Product!).Where(p => p.Variation?.RepresentativeId == representativeId).ToList();

    public Task InsertAsync(string targetId, CatalogProduct product, CancellationToken ct = default) =>
        Unique(() => db.WriteAsync(async (connection, tx, ct) =>
        {
            await Sql.Exec(connection, tx, Insert, ct, [("@t", targetId), .. Row(product)]);
            await WriteEvents(connection, tx, targetId, null, product, ct);
            return true;
        }, ct));

    public async Task<(CatalogProduct Before, CatalogProduct After)?> UpdateAsync(string targetId, ProductLookup identifier,
        Func<CatalogProduct, CatalogProduct> apply, CancellationToken ct = default)
    {
        while (true)
        {
            var stored = (await QueryAsync($"SELECT {Columns} FROM catalog_products WHERE target_id = @t AND {Column(identifier.Kind)} = @v", ct,
                ("@t", targetId), ("@v", identifier.Value))).FirstOrDefault();
            if (stored.Product is null) return null;
            var after = apply(stored.Product) with { Id = stored.Product.Id };
            var written = await Unique(() => db.WriteAsync(async (connection, tx, ct) =>
            {
                if (await Sql.Exec(connection, tx, Update, ct, [("@t", targetId), ("@version", stored.Version), .. Row(after)]) != 1) return false;
                await WriteEvents(connection, tx, targetId, stored.Product, after, ct);
                return true;
            }, ct));
            if (written) return (stored.Product, after);
            // Another writer changed the product since it was read: apply the change to what it wrote.
        }
    }

    public Task<CatalogProduct?> DeleteAsync(string targetId, ProductLookup identifier, CancellationToken ct = default) =>
        db.WriteAsync(async (connection, tx, ct) =>
        {
            var product = (await ReadAsync(connection, tx, $"SELECT {Columns} FROM catalog_products WHERE target_id = @t AND {Column(identifier.Kind)} = @v", ct,
                ("@t", targetId), ("@v", identifier.Value))).FirstOrDefault().Product;
            if (product is not null)
                await Sql.Exec(connection, tx, "DELETE FROM catalog_products WHERE target_id = @t AND product_id = @id", ct, ("@t", targetId), ("@id", product.Id));
            return product;
        }, ct);

    public Task ImportAsync(string targetId, IReadOnlyList<CatalogProduct> products, CancellationToken ct = default) =>
        Unique(() => db.WriteAsync(async (connection, tx, ct) =>
        {
            foreach (var product in products)
            {
                // Replaced in place: a product keeps its id, and its identifiers move with it.
                var before = await ReadByIdAsync(connection, tx, targetId, product.Id, ct);
                await Sql.Exec(connection, tx, "DELETE FROM catalog_products WHERE target_id = @t AND product_id = @id", ct, ("@t", targetId), ("@id", product.Id));
                await Sql.Exec(connection, tx, Insert, ct, [("@t", targetId), .. Row(product)]);
                await WriteEvents(connection, tx, targetId, before?.Product, product, ct);
            }
            return products.Count;
        }, ct));

    /// <summary>
    /// Takes an order's units from the product, in the order's transaction. Bumping the version makes a catalog write
    /// that read the product before retry on what this wrote; on PostgreSQL the first update also locks the row, so
    /// the read after it sees every take committed before. A product no longer in the catalog has nothing to take.
    /// </summary>
    internal static async Task TakeAsync(DbConnection connection, DbTransaction tx, string targetId, Domain.Checkout.InventoryTake take, CancellationToken ct)
    {
        if (await Sql.Exec(connection, tx, "UPDATE catalog_products SET version = version + 1 WHERE target_id = @t AND product_id = @id", ct,
                ("@t", targetId), ("@id", take.ProductId)) == 0) return;
        var stored = await ReadByIdAsync(connection, tx, targetId, take.ProductId, ct);
        await Sql.Exec(connection, tx, "UPDATE catalog_products SET document = @doc WHERE target_id = @t AND product_id = @id", ct,
            [("@t", targetId), .. Row(take.From(stored!.Value.Product!))]);
    }

    private const string Insert =
        "INSERT INTO catalog_products (target_id, product_id, sku, external_id, amazon_sku, version, document) VALUES (@t, @id, @sku, @ext, @amz, 1, @doc)";

    private const string Update = "UPDATE catalog_products SET sku = @sku, external_id = @ext, amazon_sku = @amz, version = version + 1, document = @doc " +
        "WHERE target_id = @t AND product_id = @id AND version = @version";

    private static async Task WriteEvents(DbConnection connection, DbTransaction tx, string targetId, CatalogProduct? before, CatalogProduct after, CancellationToken ct)
    {
        var events = CatalogEvents.Between(before, after);
        if (events.Count == 0) return;
        var document = JsonSerializer.Serialize(after, OrderJson.Options);
        await Sql.Batch(connection, tx, [.. events.Select(e => OutboxRows.Insert(targetId, e, 0, EventTypes.CarryingProduct.Contains(e.Type) ? document : null))], ct);
    }

    private static async Task<(CatalogProduct? Product, long Version)?> ReadByIdAsync(DbConnection connection, DbTransaction tx, string targetId, string productId, CancellationToken ct)
    {
        var rows = await ReadAsync(connection, tx, $"SELECT {Columns} FROM catalog_products WHERE target_id = @t AND product_id = @id", ct, ("@t", targetId), ("@id", productId));
        return rows.Count == 0 ? null : rows[0];
    }

    private static (string, object)[] Row(CatalogProduct product) =>
    [
        ("@id", product.Id), ("@sku", (object?)product.Sku ?? DBNull.Value), ("@ext", (object?)product.ExternalId ?? DBNull.Value),
        ("@amz", (object?)product.AmazonSku?.Value ?? DBNull.Value), ("@doc", JsonSerializer.Serialize(product, OrderJson.Options)),
    ];

    /// <summary>The column an identifier is kept in.</summary>
    internal static string Column(ProductLookupKind kind) => kind switch
    {
        ProductLookupKind.ProductId => "product_id",
        ProductLookupKind.Sku => "sku",
        ProductLookupKind.ExternalId => "external_id",
        _ => "amazon_sku",
    };

    private async Task<T> Unique<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (db.IsUniqueViolation(e))
        {
            throw BwpException.Conflict(ErrorCodes.DuplicateProductIdentifier,
                "another product of this catalog already has this sku, externalId or amazonSku: each names one product. Update that product, or give another identifier.");
        }
    }

    private Task<List<(CatalogProduct? Product, long Version)>> QueryAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        db.RetryTransientAsync(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            return await ReadAsync(connection, null, sql, attempt, parameters);
        }, ct);

    private static async Task<List<(CatalogProduct? Product, long Version)>> ReadAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Sql.Command(connection, tx, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(CatalogProduct?, long)>();
        while (await reader.ReadAsync(ct))
            rows.Add((JsonSerializer.Deserialize<CatalogProduct>(reader.GetString(5), OrderJson.Options), Convert.ToInt64(reader.GetValue(4))));
        return rows;
    }
}
