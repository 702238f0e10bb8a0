using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Catalog;

/// <summary>How a sandbox catalog file's product becomes a catalog product: the API's rules, then BwP's side as the file says.</summary>
public static class CatalogImport
{
    public static CatalogProduct Product(ImportedProduct imported, CatalogProduct? existing, string now, FieldPath at)
    {
        if (imported.Id is { } id && (id.Length is 0 or > CatalogRules.ProductIdLength || !id.All(char.IsAsciiLetterOrDigit)))
            throw BwpException.Validation(ErrorCodes.InvalidInput, at.Field("id"), $"a product id is 1 to {CatalogRules.ProductIdLength} letters and digits.");
        if (imported.Buyability is { } status && !BuyabilityStatus.All.Contains(status))
            throw BwpException.Validation(ErrorCodes.InvalidInput, at.Field("buyability"), $"give one of {string.Join(", ", BuyabilityStatus.All)}.");
        if (imported.BuyableQuantity is < 0)
            throw BwpException.Validation(ErrorCodes.InvalidAmount, at.Field("buyableQuantity"), "an inventory quantity cannot be negative.");
        CatalogProduct product;
        try
        {
            product = existing is null ? CatalogRules.Create(imported.Fields, now, imported.Id) : CatalogRules.Update(existing, imported.Fields, now);
        }
        catch (BwpException e) when (e.Where is not null || e.Kind == ErrorKind.Validation)
        {
            throw new BwpException(e.Kind, e.Code, e.Detail, e.Where is null ? at : Join(at, e.Where));
        }
        if (imported.DisplayReadyImageUrl is { } display && (product.Image is null || !CatalogRules.IsUrl(display)))
            throw BwpException.Validation(ErrorCodes.InvalidInput, at.Field("displayReadyImageUrl"), "give an absolute http or https URL, for a product with an imageUrl.");
        return product with
        {
            Asin = imported.Asin ?? product.Asin,
            Image = imported.DisplayReadyImageUrl is { } url ? product.Image! with { DisplayReadyUrl = url } : product.Image,
            Buyability = imported.Buyability ?? product.Buyability,
            BuyableQuantity = imported.BuyableQuantity ?? product.BuyableQuantity,
            Returnable = imported.Returnable ?? product.Returnable,
        };
    }

    /// <summary>Points each purchase group at its members' product ids (members named by SKU, in the import or the catalog).</summary>
    public static async Task<List<CatalogProduct>> ResolveMembersAsync(List<CatalogProduct> products, IReadOnlyList<ImportedProduct> imported,
        Func<string, Task<CatalogProduct?>> findBySku)
    {
        for (var i = 0; i < products.Count; i++)
        {
            if (imported[i].Members is not { } members) continue;
            var resolved = new List<PurchaseGroupMember>();
            for (var m = 0; m < members.Count; m++)
            {
                var (sku, amount) = members[m];
                var member = products.FirstOrDefault(p => p.Sku == sku) ?? await findBySku(sku)
                    ?? throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("products")[i].Field("members")[m].Field("sku"),
                        $"no product with sku '{sku}' in this import or the catalog: add the member product first.");
                if (amount.Value <= 0)
                    throw BwpException.Validation(ErrorCodes.InvalidAmount, FieldPath.Of("products")[i].Field("members")[m].Field("amount"), "a member amount must be positive.");
                resolved.Add(new PurchaseGroupMember(member.Id, amount));
            }
            products[i] = products[i] with { Members = resolved };
        }
        return products;
    }

    private static FieldPath Join(FieldPath at, FieldPath inner)
    {
        var joined = at;
        foreach (var step in inner.Steps) joined = step is int index ? joined[index] : joined.Field((string)step);
        return joined;
    }
}
