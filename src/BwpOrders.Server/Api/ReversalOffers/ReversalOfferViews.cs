using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.ReversalOffers;

/// <summary>How reversal offers show in each version.</summary>
public static class ReversalOfferViews
{
    /// <summary>Every version: the identifiers reversal offers are about.</summary>
    public static SchemaBuilder ReversalItemIds(this SchemaBuilder builder)
    {
        builder.Types.For("SkuReversalItemIdentifier").Type = typeof(SkuReversalItemId);
        builder.Types.For("MskuReversalItemIdentifier").Type = typeof(MskuReversalItemId);
        return builder;
    }

    /// <summary>2024-04-01 and 2024-11-01 reversal offers: localized summaries with resolution types and a window.</summary>
    public static SchemaBuilder ReversalOffers(this SchemaBuilder builder) => builder
        .Map<ReversalOfferSet>("ReversalOffers", "reversalOfferCollection", set => set.Offers.Select(o => new
        {
            Item = new { Id = o.Item },
            Summary = new { Title = Title(o.Returnable), Description = Description(o.Returnable), ResolutionTypes = ResolutionTypes(o.Returnable), Window = Window(o.Returnable) },
        }));

    /// <summary>
    /// 2024-11-01 <c>ReversalOfferInfo</c>, a line item's reversal offers: one detail per resolution type, in the words
    /// of the reversalOffers query's summary (no resolution, so no detail, for an item BwP does not take back). An
    /// offer's line has no order line item for <c>reversalOfferFor</c> to name.
    /// </summary>
    public static object Info(bool returnable) => new
    {
        Details = ResolutionTypes(returnable).Select(type => new
        {
            Message = new { Title = Title(returnable), Description = Description(returnable) },
            ResolutionType = type,
            ReversalOfferFor = (object?)null,
            Window = Window(returnable),
        }).ToList(),
    };

    // BwP's words, from its reversalOffers example ("Query Reversal Offers With Valid Items").
    private static LocalizedText Title(bool returnable) => LocalizedText.English(returnable ? "Free 30-day returns" : "Not returnable");

    private static LocalizedText Description(bool returnable) => LocalizedText.English(returnable
        ? "This item is eligible for free 30-day returns through Buy with Prime"
        : "This item is not eligible for a return through Buy with Prime");

    private static string[] ResolutionTypes(bool returnable) => returnable ? ["RETURN"] : [];

    private static object? Window(bool returnable) =>
        returnable ? new { Duration = new { Unit = "day", Value = ReversalItemOffer.WindowDays }, EndDate = (string?)null } : null;

    /// <summary>2024-01-01 generateReversalOffers: groups with plain-text summaries.</summary>
    public static SchemaBuilder ReversalOfferGroups(this SchemaBuilder builder) => builder
        .Map<ReversalOfferSet>("ReversalOffers", "reversalOfferGroups", set => set.Offers.Select(o => new
        {
            Item = new { Id = o.Item },
            Summary = o.Returnable
                ? new { Title = "The Item is returnable", Description = "The Item can be returned within 30 days" }
                : new { Title = "The Item is non-returnable", Description = "The Item is non-returnable" },
        }));
}
