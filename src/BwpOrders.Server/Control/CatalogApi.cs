using System.Text.Json;
using System.Text.Json.Serialization;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Model;
using BwpOrders.Server.Auth;

namespace BwpOrders.Server.Control;

/// <summary>
/// <c>POST /control/v1/catalog/import</c>, sandbox only: loads a catalog file (<c>{"products": [...]}</c>, see
/// samples/catalog.json) into the caller's target in one transaction, with what BwP's side decides for each product
/// (buyability, inventory, return policy, the ASIN, the display-ready image). Needs View &amp; Edit Catalog Data.
/// </summary>
public static class CatalogApi
{
    /// <summary>BwP's catalog upload takes at most 15,000 products per file.</summary>
    public const int MaxProducts = 15_000;

    public static void Map(RouteGroupBuilder control, bool production)
    {
        control.MapPost("/catalog/import", (HttpContext http, AccessGuard guard, CatalogService catalog) => ControlApi.Handle(http, async () =>
        {
            if (production) throw SandboxOnly.Refusal("Catalog imports");
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.CatalogData, "importing a catalog");
            var products = await catalog.ImportAsync(target, await ReadAsync(http.Request.Body, http.RequestAborted), http.RequestAborted);
            return new { imported = products.Count, products = products.Select(p => new { id = p.Id, sku = p.Sku, buyability = p.Buyability, buyableQuantity = p.BuyableQuantity }) };
        }));
    }

    /// <summary>A catalog file's products (the control API's body, the CLI's <c>catalog import FILE</c>), or a clear refusal.</summary>
    public static async Task<List<ImportedProduct>> ReadAsync(Stream file, CancellationToken ct)
    {
        try
        {
            var catalog = await JsonSerializer.DeserializeAsync<CatalogFile>(file, Options, ct);
            if (catalog?.Products is { Count: > 0 and <= MaxProducts } products) return products.Select((p, i) => p.ToImported(i)).ToList();
        }
        catch (JsonException e)
        {
            throw Invalid($"The catalog file is not valid: {e.Message}");
        }
        throw Invalid($"Send {{\"products\": [...]}} with 1 to {MaxProducts} products (samples/catalog.json shows every field).");
    }

    private static RequestRejected Invalid(string message) => new(400, ErrorKind.Validation, ErrorCodes.InvalidInput, message);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    private sealed record CatalogFile(List<FileProduct>? Products);

    /// <summary>One product of a catalog file: the API's fields, plain where the API nests them (title, amazonSku, imageUrl).</summary>
    private sealed record FileProduct(
        string? Id, string? Sku, string? ExternalId, string? AmazonSku, string? Asin, bool? OfferPrime, string? Title, string? Description,
        Money? Price, string? ProductDetailPageUrl, string? ImageUrl, string? DisplayReadyImageUrl, string? Buyability, decimal? BuyableQuantity,
        bool? Returnable, List<FileMember>? Members)
    {
        public ImportedProduct ToImported(int index) => new()
        {
            Id = Id,
            Fields = new ProductFields
            {
                Sku = Sku, ExternalId = ExternalId, AmazonSku = AmazonSku is null ? null : new AmazonSku(AmazonSku), OfferPrime = OfferPrime,
                Title = English(Title), Description = English(Description), Price = Price, ProductDetailPageUrl = ProductDetailPageUrl,
                Image = ImageUrl is null ? null : new ProductImage(ImageUrl),
            },
            Asin = Asin,
            DisplayReadyImageUrl = DisplayReadyImageUrl,
            Buyability = Buyability,
            BuyableQuantity = BuyableQuantity,
            Returnable = Returnable,
            Members = Members?.Select((m, i) => (m.Sku ?? throw Invalid($"products[{index}].members[{i}].sku: name the member by its sku."),
                new Quantity(m.Amount ?? 1, m.Unit ?? "UNIT"))).ToList(),
        };

        private static LocalizedValues? English(string? text) => text is null ? null : new([new LocalizedValue(text, "en-US")], "en-US");
    }

    private sealed record FileMember(string? Sku, decimal? Amount, string? Unit);
}
