using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Checkout;
using BwpOrders.Domain.Model;
using BwpOrders.Server.Api.Catalog;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.Api.ReversalOffers;
using BwpOrders.Server.Api.ShopperEligibility;
using BwpOrders.Server.GraphQL;
using GraphQL;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Server.Api.Offers;

/// <summary>
/// The Offers interface: <c>offers</c> previews line items (a delivery preview whose id is the offer's), and
/// <c>createOrderFromOffer</c> creates the order from one, its products first, then <c>additionalLineItems</c>.
/// </summary>
public sealed class OffersModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => version.Offers ? [$"Offers/Sdl/{version.SchemaName}.graphql"] : [];

    public IReadOnlyDictionary<string, string[]> Scopes { get; } = new Dictionary<string, string[]> { ["offers"] = [Domain.Access.Scopes.DeliveryPreview] };

    /// <summary>An offer's line: the catalog product, how many, and the delivery offer for it (its reversal offers follow from the product).</summary>
    public sealed record OfferLine(CatalogProduct? Product, object Amount, PreviewOffer DeliveryOffer);

    public sealed record OfferView(string Id, List<OfferLine> LineItems);

    public void Configure(SchemaBuilder builder, ApiVersion version)
    {
        if (!version.Offers) return;
        builder
            .Map<OfferLine>("OfferLineItem", "reversalOffers", line => line.Product is { } product ? ReversalOfferViews.Info(product.ReturnableThroughBwp) : null)
            .Root("Query", "offers", (ctx, request) => OffersAsync(ctx, request, version))
            .Root("Mutation", "createOrderFromOffer", CreateOrderAsync, new InputPaths("input", ("lineItems", "additionalLineItems")));
    }

    private static async Task<object?> OffersAsync(IResolveFieldContext ctx, RequestContext request, ApiVersion version)
    {
        var input = ctx.Argument("input");
        var lines = input.List("lineItems") ?? [];
        var products = lines.Select((l, i) => (CatalogInputs.Identifier(l.Object("product"), $"input.lineItems[{i}].product"),
            l.Object("amount").Decimal("value") ?? 0, l.Object("amount").String("unit"))).ToList();
        var identity = input.Object("shopperIdentity");
        var preview = new PreviewRequest(products, input.Object("location").Map("shippingAddress", OrderInputs.Address),
            identity.IsNull ? null : ShopperIdentityInputs.Shopper(identity, version, FieldPath.Of("shopperIdentity")));
        // One set of terms per offer: Prime unless a line asks for other terms.
        var wantPrime = lines.All(l => l.Object("deliveryTerms").Bool("isPrimeEligible") != false);
        var offer = await ctx.RequestServices!.GetRequiredService<DeliveryPreviewService>()
            .PreviewAsync(request.TargetId, preview, AvailabilityCodes.Product, wantPrime, ctx.CancellationToken);
        var catalog = ctx.RequestServices!.GetRequiredService<CatalogService>();
        var view = new List<OfferLine>();
        foreach (var group in offer.Groups)
            view.Add(new OfferLine(await catalog.FindAsync(request.TargetId, new(ProductLookupKind.ProductId, group.Product.ProductId), ctx.CancellationToken),
                new { group.Product.Unit, Value = group.Product.Amount }, group.Offer));
        return new
        {
            Edges = new[] { new { Cursor = offer.Id, Node = new OfferView(offer.Id, view) } },
            PageInfo = new { HasNextPage = false, HasPreviousPage = false, StartCursor = offer.Id, EndCursor = offer.Id },
        };
    }

    private static async Task<object?> CreateOrderAsync(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        var offerId = input.String("baseOfferId") ?? "";
        var offer = await ctx.RequestServices!.GetRequiredService<DeliveryPreviewService>().FindAsync(request.TargetId, offerId, ctx.CancellationToken)
            ?? throw BwpException.NotFound($"input.baseOfferId: no offer '{GraphQLEndpoint.Truncate(offerId)}' was made to this target: ask offers for one.");
        var catalog = ctx.RequestServices!.GetRequiredService<CatalogService>();
        var command = OrderInputs.Create(input, "additionalLineItems");
        command.LineItems.InsertRange(0, await OfferLines.FromAsync(offer, p => catalog.FindAsync(request.TargetId, p, ctx.CancellationToken)));
        if (command.Recipient is null && offer.Address is { } address && DeliveryDestinations.IsComplete(address))
            command = command.WithRecipient(new Recipient { DeliveryAddress = address });
        return new OrderResponse(await request.Orders.CreateAsync(request.TargetId, command, ctx.CancellationToken));
    }
}
