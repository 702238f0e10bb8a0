using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Versions;

/// <summary>How what BwP's side does (cancellations, returns it runs, trackers, reversal offers) shows through each version's types.</summary>
public static class AmazonSideViews
{
    /// <summary>Every version: a line item's cancellations, and the identifiers reversal offers are about.</summary>
    public static SchemaBuilder Cancellations(this SchemaBuilder builder)
    {
        builder.Types.For("SkuReversalItemIdentifier").Type = typeof(SkuReversalItemId);
        builder.Types.For("MskuReversalItemIdentifier").Type = typeof(MskuReversalItemId);
        return builder
            .Map<LineItem>("LineItem", "cancellations", l => l.Order?.Cancellations.Where(c => c.AmountOf(l.Id) > 0).ToList() is { Count: > 0 } found
                ? new { Details = found }
                : null)
            .Map<Cancellation>("CancellationDetails", "canceledFor", c => new { OrderLineItems = c.CanceledFor })
            .Map<Cancellation>("CancellationDetails", "refundDetails", (c, ctx) =>
                c.RefundIds.Select(id => ctx.Ancestor<LineItem>()?.Order?.FindRefund(id)).OfType<Refund>())
            .Map<Cancellation>("CancellationRequestDetails", "canceledFor", c => new { OrderLineItems = c.CanceledFor });
    }

    /// <summary>2024-04-01 and 2024-11-01 reversal offers: localized summaries with resolution types and a window.</summary>
    public static SchemaBuilder ReversalOffers(this SchemaBuilder builder) => builder
        .Map<ReversalOfferSet>("ReversalOffers", "reversalOfferCollection", set => set.Offers.Select(o => new
        {
            Item = new { Id = o.Item },
            Summary = new
            {
                Title = English(o.Returnable ? "Free 30-day returns" : "Not returnable"),
                Description = English(o.Returnable
                    ? "This item is eligible for free 30-day returns through Buy with Prime"
                    : "This item is not eligible for a return through Buy with Prime"),
                ResolutionTypes = o.Returnable ? ["RETURN"] : Array.Empty<string>(),
                Window = o.Returnable ? new { Duration = new { Unit = "day", Value = ReversalItemOffer.WindowDays }, EndDate = (string?)null } : null,
            },
        }));

    /// <summary>2024-01-01 generateReversalOffers: groups with plain-text summaries.</summary>
    public static SchemaBuilder ReversalOfferGroups(this SchemaBuilder builder) => builder
        .Map<ReversalOfferSet>("ReversalOffers", "reversalOfferGroups", set => set.Offers.Select(o => new
        {
            Item = new { Id = o.Item },
            Summary = o.Returnable
                ? new { Title = "The Item is returnable", Description = "The Item can be returned within 30 days" }
                : new { Title = "The Item is non-returnable", Description = "The Item is non-returnable" },
        }));

    /// <summary>2024-11-01 returns as BwP's Returns interface shows them: return packages with labels, reasons, grading, refund terms.</summary>
    public static SchemaBuilder ReturnsView(this SchemaBuilder builder) => builder
        .Map<ReturnDetails>("ReturnDetails", "refundTerm", (r, ctx) => r.StartedThroughBwp ? RefundTerm(r) : null)
        .Map<ReturnLineItem>("ReturnLineItem", "product", l => l.ReturnFor.OrderLineItemAmounts.FirstOrDefault()?.LineItem is { } item ? OrderViews.ProductView(item) : null)
        .Map<ReturnLineItem>("ReturnLineItem", "returnReasonTerm", l => l.ReturnReasonTerm is { } reason ? ReasonTerm(reason) : null)
        .Null("ReturnLineItem", "returnReasonTermOptions")
        .Map<ReturnLineItem>("ReturnLineItem", "grading", l => l.Grading is { } grading ? new { Summary = grading } : null)
        .Map<ReturnPackage>("ReturnPackageDetails", "returnPackageFor", p => new PackageReturnFor(p.ReturnPackageFor.OrderLineItemAmounts,
            p.ReturnLineItemAmounts.Select(x => new ReturnLineItemAmount(new Quantity(x.Amount), x.Item)).ToList()))
        // Only a return package says which return line items it carries; a return line item's own returnFor does not.
        .Map<object>("ReturnFor", "returnLineItemAmounts", source => (source as PackageReturnFor)?.ReturnLineItemAmounts)
        .Map<ReturnPackage>("ReturnPackageDetails", "packageTrackerIdentifier", p => p.PackageTracker?.PackageTrackerIdentifier)
        .Map<ReturnPackage>("ReturnPackageDetails", "labels", p => p.LabelUrl is null ? null : new[]
        {
            new { Type = "RETURN_LABEL", Url = p.LabelUrl, ReturnLabelDisplayString = English("Print your return label") },
        })
        .Map<ReturnPackage>("ReturnPackageDetails", "instructions", p => (p.Return is { } ret ? ReturnDeliveryOffers.Effective(ret)?.Instructions ?? [] : [])
            .Prepend($"Your return's RMA is {p.Rma}.").Select(English))
        .Map<ReturnDetails>("ReturnDetails", "returnDeliveryGroups", r => ReturnDeliveryOffers.Shown(r).Select(o => new
        {
            ReturnDeliveryOffer = new
            {
                Details = new
                {
                    o.Id,
                    Message = new { Instructions = o.Instructions.Select(English) },
                    ReturnDeliveryTerm = new { Locator = o.LocatorUrl is null ? null : new { LocatorDisplayString = English(o.LocatorText!), Url = o.LocatorUrl } },
                },
            },
        }));

    /// <summary>BwP's estimate of what the shopper gets back: the refund it requested, or what they paid for the returned amounts.</summary>
    private static object? RefundTerm(ReturnDetails ret)
    {
        if (ret.CoveredAmounts.FirstOrDefault()?.LineItem?.Order is not { } order) return null;
        var total = (ret.RefundId is { } id ? order.FindRefund(id)?.RefundTotal : null) ?? BwpRefunds.Estimate(order, ret.CoveredAmounts);
        return new
        {
            DisplayMessage = English("Your refund is issued once the return arrives at the fulfillment center."),
            EstimatedRefundTotal = total,
            PaymentTerms = (object[]?)null,
        };
    }

    private static object ReasonTerm(ReturnReason reason) => new
    {
        reason.ReasonCode,
        Description = English(reason.ReasonCode.Replace('_', ' ').ToLowerInvariant()),
        AdditionalComments = reason.AdditionalComments is { } comments ? English(comments) : null,
        IsCommentRequired = false,
    };

    private static LocalizedText English(string text) => new("en-US", text);
}

/// <summary>What a return package carries: order line item amounts, and the return line items they belong to.</summary>
public sealed record PackageReturnFor(List<LineItemAmount> OrderLineItemAmounts, List<ReturnLineItemAmount> ReturnLineItemAmounts);

public sealed record ReturnLineItemAmount(Quantity Amount, ReturnLineItem ReturnLineItem);
