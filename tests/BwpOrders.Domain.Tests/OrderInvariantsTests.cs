namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="OrderInvariants"/>: what every stored order satisfies (BwP's documented limits, unique aliases, sane
/// amounts, one currency). Checked on an order built by the factory and then bent, so each test breaks one rule.
/// </summary>
public sealed class OrderInvariantsTests
{
    private static void Check(Order order) => OrderInvariants.Check(order);

    private static List<Alias> Aliases(int count, string prefix = "a") => [.. Enumerable.Range(1, count).Select(i => Alias($"{prefix}-{i}"))];

    [Fact]
    public void An_order_built_by_the_factory_passes()
    {
        Check(Order(AmazonLine(), MerchantLine()));
    }

    [Fact]
    public void An_order_has_at_least_one_line_item()
    {
        var order = Order();
        order.LineItems.Clear();

        Refused.With(ErrorCodes.InvalidInput, () => Check(order));
    }

    [Theory]
    [InlineData(20, 20, null)]
    [InlineData(21, 0, ErrorCodes.LineItemLimitExceeded)]
    [InlineData(0, 21, ErrorCodes.LineItemLimitExceeded)]
    public void An_order_holds_twenty_amazon_fulfilled_lines_and_twenty_others(int amazon, int others, string? code)
    {
        LineItemPatch[] lines = [.. Enumerable.Range(0, amazon).Select(_ => AmazonLine()), .. Enumerable.Range(0, others).Select(_ => MerchantLine())];

        if (code is null) Order(lines);
        else Refused.With(code, () => Order(lines));
    }

    [Fact]
    public void An_order_holds_five_links()
    {
        var order = Order();
        order.OrderLinks.AddRange(Enumerable.Range(1, 5).Select(i => new OrderLink("ORDER_DETAILS", $"https://shop.example/{i}")));
        Check(order);

        order.OrderLinks.Add(new OrderLink("ORDER_DETAILS", "https://shop.example/6"));
        Refused.With(ErrorCodes.OrderLinkLimitExceeded, () => Check(order));
    }

    [Theory]
    [InlineData("order", 5)]
    [InlineData("refund", 5)]
    [InlineData("return", 2)]
    [InlineData("package", 5)]
    public void Each_kind_of_alias_owner_has_its_documented_limit(string owner, int limit)
    {
        var order = Started();
        UpdateRefunds(order, NewRefund("r1"));
        UpdateReturns(order, new ReturnPatch());
        List<Alias> aliases = owner switch
        {
            "order" => order.Aliases,
            "refund" => order.Refunds.Details[0].Aliases,
            "return" => order.Returns.Details[0].Aliases,
            _ => order.PackageInformation.Details[0].Aliases,
        };
        aliases.Clear();
        aliases.AddRange(Aliases(limit));
        Check(order);

        aliases.Add(Alias("one-more"));
        Refused.With(ErrorCodes.AliasLimitExceeded, () => Check(order));
    }

    [Theory]
    [InlineData("", "id")]
    [InlineData("EXTERNAL_ID", " ")]
    public void An_alias_has_a_type_and_an_id(string type, string id)
    {
        var order = Order();
        order.Aliases.Add(new Alias(type, id));

        Refused.With(ErrorCodes.InvalidAliasId, () => Check(order));
    }

    [Fact]
    public void An_alias_is_given_once_and_names_one_line_item()
    {
        var twice = Order();
        twice.Aliases.AddRange([Alias("a"), Alias("a")]);
        Refused.With(ErrorCodes.DuplicateAliasId, () => Check(twice));

        var shared = Order(AmazonLine(alias: "line"), AmazonLine(alias: "other"));
        shared.LineItems[1].Aliases[0] = Alias("line");
        Refused.With(ErrorCodes.DuplicateAliasId, () => Check(shared));
    }

    [Fact]
    public void A_refund_alias_id_names_one_refund_whatever_its_type()
    {
        var order = Order();
        UpdateRefunds(order, NewRefund("r1"), NewRefund("r2"));
        order.Refunds.Details[1].Aliases.Add(Alias("r1", "PSP_ID"));

        Refused.With(ErrorCodes.InvalidAliasId, () => Check(order));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void A_line_quantity_is_above_zero_and_at_most_a_million(decimal quantity)
    {
        var order = Order();
        order.LineItems[0].Amount = new Quantity(quantity);

        Refused.With(ErrorCodes.InvalidAmount, () => Check(order));
    }

    [Theory]
    [InlineData(-1, "USD", ErrorCodes.InvalidAmount)]
    [InlineData(1_000_000_000_001, "USD", ErrorCodes.InvalidAmount)]
    [InlineData(1, "usd", ErrorCodes.InvalidInput)]
    [InlineData(1, "EUR", ErrorCodes.CurrencyMismatch)]
    public void Money_is_non_negative_bounded_iso_coded_and_in_the_orders_one_currency(decimal amount, string currency, string code)
    {
        var order = Order(AmazonLine(price: 10));
        order.TotalPrice = new OrderTotal { Value = new Money(amount, currency) };

        Refused.With(code, () => Check(order));
    }
}
