using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Returns;

/// <summary>How returns show through the Returns interface.</summary>
public static class ReturnViews
{
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
            new { Type = "RETURN_LABEL", Url = p.LabelUrl, ReturnLabelDisplayString = LocalizedText.English("Print your return label") },
        })
        .Map<ReturnPackage>("ReturnPackageDetails", "instructions", p => (p.Return is { } ret ? ReturnDeliveryOffers.Effective(ret)?.Instructions ?? [] : [])
            .Prepend($"Your return's RMA is {p.Rma}.").Select(LocalizedText.English))
        .Map<ReturnDetails>("ReturnDetails", "returnDeliveryGroups", r => ReturnDeliveryOffers.Shown(r).Select(o => new
        {
            ReturnDeliveryOffer = new
            {
                Details = new
                {
                    o.Id,
                    Message = new { Instructions = o.Instructions.Select(LocalizedText.English) },
                    ReturnDeliveryTerm = new { Locator = o.LocatorUrl is null ? null : new { LocatorDisplayString = LocalizedText.English(o.LocatorText!), Url = o.LocatorUrl } },
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
            DisplayMessage = LocalizedText.English("Your refund is issued once the return arrives at the fulfillment center."),
            EstimatedRefundTotal = total,
            PaymentTerms = (object[]?)null,
        };
    }

    private static object ReasonTerm(ReturnReason reason) => new
    {
        reason.ReasonCode,
        Description = LocalizedText.English(reason.ReasonCode.Replace('_', ' ').ToLowerInvariant()),
        AdditionalComments = reason.AdditionalComments is { } comments ? LocalizedText.English(comments) : null,
        IsCommentRequired = false,
    };
}

/// <summary>What a return package carries: order line item amounts, and the return line items they belong to.</summary>
public sealed record PackageReturnFor(List<LineItemAmount> OrderLineItemAmounts, List<ReturnLineItemAmount> ReturnLineItemAmounts);

public sealed record ReturnLineItemAmount(Quantity Amount, ReturnLineItem ReturnLineItem);
