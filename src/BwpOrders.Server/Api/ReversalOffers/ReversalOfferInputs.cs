using BwpOrders.Domain;
using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.ReversalOffers;

/// <summary>The items a reversal-offers query names.</summary>
public static class ReversalOfferInputs
{
    /// <summary>The items are in <c>reversalOffersInput</c> in every version.</summary>
    public static InputPaths Paths { get; } = new("reversalOffersInput");

    public static List<ReversalItemId> ReversalItems(Input input) =>
        (input.List("items") ?? []).Select((item, i) =>
        {
            var id = item.Object("id");
            var sku = id.String("SKU");
            var msku = id.Object("mSKU");
            if ((sku is null) == msku.IsNull)
                throw BwpException.Validation(ErrorCodes.InvalidInput, Paths.Say(FieldPath.Of("items")[i].Field("id")) + ": give exactly one of SKU or mSKU.");
            return sku is not null ? (ReversalItemId)new SkuReversalItemId(sku) : new MskuReversalItemId(msku.String("marketplaceId") ?? "", msku.String("value") ?? "");
        }).ToList();
}
