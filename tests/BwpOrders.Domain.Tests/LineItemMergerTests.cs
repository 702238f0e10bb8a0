namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="LineItemMerger"/> and its helpers in <c>Rules/LineItemMerger.cs</c>: what a new line needs, merging into
/// the line an id or alias names, append-only aliases, set-once discounts and payments upserted by id.
/// </summary>
public sealed class LineItemMergerTests
{
    private static Change? UpdateLines(Order order, params LineItemPatch[] lines) =>
        Update(order, new UpdateOrderCommand { Order = Lookup(order), LineItems = [.. lines] });

    private static LineItem Create(LineItemPatch patch) => LineItemMerger.Create(patch, "now", FieldPath.Of("lineItems")[0]);

    private static readonly Product Sold = new() { Title = "Widget", Price = Usd(10), Identifier = new ProductIdentifier { Sku = "sku-1" } };

    private static DeliveryOffer Amazon(bool prime = false, string? offerId = null, string? previewId = null) => new()
    {
        Details = new DeliveryOfferDetails
        {
            DeliveryProvider = DeliveryProviders.Amazon, Id = offerId, DeliveryPreviewId = previewId,
            DeliveryTerms = prime ? new DeliveryTerms(true, null) : null,
        },
    };

    public static TheoryData<string, Product?> IncompleteProducts => new()
    {
        { "title", Sold with { Title = null } },
        { "price", Sold with { Price = null } },
        { "identifier", Sold with { Identifier = null } },
        { "title, price, identifier", null },
    };

    [Theory]
    [MemberData(nameof(IncompleteProducts))]
    public void An_amazon_fulfilled_line_needs_the_products_title_price_and_identifier(string missing, Product? product)
    {
        var refused = Refused.With(ErrorCodes.InvalidInput, () => Create(new LineItemPatch { Amount = new Quantity(1), Product = product, DeliveryOffer = Amazon() }));

        Assert.Contains($"product's {missing}", refused.Message);
    }

    [Fact]
    public void A_prime_line_needs_the_offer_and_preview_it_was_chosen_from()
    {
        Refused.With(ErrorCodes.InvalidInput, () => Create(new LineItemPatch { Amount = new Quantity(1), Product = Sold, DeliveryOffer = Amazon(prime: true, offerId: "o") }));

        Assert.True(Create(new LineItemPatch { Amount = new Quantity(1), Product = Sold, DeliveryOffer = Amazon(prime: true, "o", "p") }).IsAmazonFulfilled);
    }

    [Fact]
    public void A_merchant_line_needs_only_an_amount_and_an_offer_is_details_or_summary()
    {
        Assert.False(Create(MerchantLine()).IsAmazonFulfilled);
        Refused.With(ErrorCodes.InvalidInput, () => Create(new LineItemPatch()));
        Refused.With(ErrorCodes.InvalidInput, () => Create(new LineItemPatch { Amount = new Quantity(1), DeliveryOffer = new DeliveryOffer() }));
        Refused.With(ErrorCodes.InvalidInput, () => Create(new LineItemPatch
        {
            Amount = new Quantity(1), DeliveryOffer = Amazon() with { Summary = new DeliveryOfferSummary() },
        }));
    }

    [Fact]
    public void A_line_is_merged_by_its_id_or_an_alias_and_otherwise_added()
    {
        var order = Order(AmazonLine(quantity: 1, alias: "line-1"));
        var line = order.LineItems[0];

        UpdateLines(order, new LineItemPatch { Id = line.Id, Amount = new Quantity(3) });
        UpdateLines(order, new LineItemPatch { Aliases = [Alias("line-1"), Alias("line-1b")], Taxes = new Taxes(new TaxSummary(Usd(1))) });
        UpdateLines(order, MerchantLine(alias: "line-2"));

        Assert.Equal(2, order.LineItems.Count);
        Assert.Equal((3m, 1m), (line.Amount.Value, line.Taxes!.Summary!.CollectableTaxAmount!.Amount));
        Assert.Equal([Alias("line-1"), Alias("line-1b")], line.Aliases);
        Refused.With(ErrorCodes.ItemDoesNotExist, () => UpdateLines(order, new LineItemPatch { Id = "ghost", Amount = new Quantity(1) }));
    }

    [Fact]
    public void A_delivery_group_names_line_items_of_the_order_and_resolves_aliases_to_ids()
    {
        var grouped = AmazonLine(alias: "line-1");
        var offer = grouped.DeliveryOffer!.Details! with { DeliveryFor = [new LineItemAmount { LineItemId = "line-1", Amount = new Quantity(1) }] };
        var order = Order(new LineItemPatch { Aliases = grouped.Aliases, Amount = grouped.Amount, Product = grouped.Product, DeliveryOffer = new DeliveryOffer { Details = offer } });

        Assert.Equal(order.LineItems[0].Id, order.LineItems[0].DeliveryOffer!.Details!.DeliveryFor![0].LineItemId);
        var ghost = offer with { DeliveryFor = [new LineItemAmount { LineItemId = "ghost", Amount = new Quantity(1) }] };
        Refused.With(ErrorCodes.ItemDoesNotExist, () => Order(new LineItemPatch { Amount = new Quantity(1), Product = Sold, DeliveryOffer = new DeliveryOffer { Details = ghost } }));
    }

    [Fact]
    public void Aliases_are_appended_and_never_changed_or_removed()
    {
        var aliases = new List<Alias> { Alias("a") };

        AliasMerge.Append(aliases, [Alias("a"), Alias("b", "OTHER")]);
        AliasMerge.Append(aliases, null);

        Assert.Equal([Alias("a"), Alias("b", "OTHER")], aliases);
    }

    [Fact]
    public void Discounts_are_set_once_the_same_value_may_be_resent_and_another_is_refused()
    {
        var discount = new DiscountAllocations { Summary = new DiscountSummary(Usd(1), "1 off") };
        var order = Order();
        var line = order.LineItems[0];

        UpdateLines(order, new LineItemPatch { Id = line.Id, Discounts = discount });
        UpdateLines(order, new LineItemPatch { Id = line.Id, Discounts = discount with { } });
        UpdateLines(order, new LineItemPatch { Id = line.Id });

        Assert.Equal(discount, line.Discounts);
        Refused.With(ErrorCodes.FieldNotUpdatable,
            () => UpdateLines(order, new LineItemPatch { Id = line.Id, Discounts = new DiscountAllocations { Summary = new DiscountSummary(Usd(2), null) } }));
    }

    [Fact]
    public void Payments_are_upserted_by_id_and_an_id_is_given_once()
    {
        var payments = PaymentMerge.Apply(null, new PaymentsPatch { Details = [new PaymentDetails { Id = "p1", Amount = Usd(1) }] }, FieldPath.Of("payments"));
        payments = PaymentMerge.Apply(payments, new PaymentsPatch { Details = [new PaymentDetails { Id = "p1", Amount = Usd(2) }, new PaymentDetails { Amount = Usd(3) }] }, FieldPath.Of("payments"));

        Assert.Equal([2m, 3m], payments!.Details.Select(d => d.Amount.Amount));
        Assert.Equal(5m, payments.Summary!.Amount.Amount);
        Refused.With(ErrorCodes.InvalidInput, () => PaymentMerge.Apply(payments,
            new PaymentsPatch { Details = [new PaymentDetails { Id = "p2", Amount = Usd(1) }, new PaymentDetails { Id = "p2", Amount = Usd(1) }] }, FieldPath.Of("payments")));
    }
}
