namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="ReturnMerger"/>: <c>returns.details</c> (the merchant's external returns), as BwP's "Update return
/// details" page says: a <c>returnIdentifier</c> updates that return, any other entry is a new return, an alias id
/// names one return of an order, and open returns never cover more than was ordered.
/// </summary>
public sealed class ReturnMergerTests
{
    [Theory]
    [MemberData(nameof(StateMachines.ReturnEdges), MemberType = typeof(StateMachines))]
    public void A_return_moves_only_along_the_documented_machine(string from, string to, bool legal)
    {
        var order = Order();
        UpdateReturns(order, new ReturnPatch { Aliases = [Alias("ret-1")] });
        var id = order.Returns.Details.Single().Id;
        if (from != ReturnStates.Created) UpdateReturns(order, new ReturnPatch { IdentifierId = id, State = from });
        var move = new ReturnPatch { IdentifierId = id, State = to };

        Refused.UnlessLegal(legal, ErrorCodes.InvalidReturnStateTransition, () => UpdateReturns(order, move), to, () => order.Returns.Details.Single().State);
    }

    [Theory]
    [InlineData(null, "CREATED")]
    [InlineData("COMPLETED", "COMPLETED")]
    public void A_new_return_starts_created_or_completed(string? requested, string state)
    {
        var order = Order();
        UpdateReturns(order, new ReturnPatch { State = requested });

        var created = order.Returns.Details.Single();
        Assert.Equal(state, created.State);
        Assert.False(created.StartedThroughBwp);
        Refused.With(ErrorCodes.InvalidReturnStateTransition, () => UpdateReturns(order, new ReturnPatch { State = ReturnStates.Cancelled }));
    }

    [Fact]
    public void Completing_announces_return_completed()
    {
        var order = Order();
        var created = UpdateReturns(order, new ReturnPatch { Aliases = [Alias("ret-1")] })!;
        var completed = UpdateReturns(order, new ReturnPatch { IdentifierAlias = Alias("ret-1"), State = ReturnStates.Completed })!;

        Assert.DoesNotContain(Domain.EventTypes.ReturnCompleted, created.EventTypes());
        Assert.Contains(Domain.EventTypes.ReturnCompleted, completed.EventTypes());
    }

    [Fact]
    public void Every_entry_without_an_identifier_is_a_new_return_even_with_the_same_aliases_type()
    {
        var order = Order();
        UpdateReturns(order, new ReturnPatch { Aliases = [Alias("ret-1")] }, new ReturnPatch { Aliases = [Alias("ret-2")] });

        Assert.Equal(2, order.Returns.Details.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void A_return_is_named_by_an_id_or_alias_it_has_and_only_once_per_request()
    {
        var order = Order();
        UpdateReturns(order, new ReturnPatch { Aliases = [Alias("ret-1")] });
        var id = order.Returns.Details.Single().Id;

        Refused.With(ErrorCodes.InvalidReturnId, () => UpdateReturns(order, new ReturnPatch { IdentifierId = "ghost" }));
        Refused.With(ErrorCodes.InvalidReturnId, () => UpdateReturns(order, new ReturnPatch { IdentifierAlias = Alias("ghost") }));
        Refused.With(ErrorCodes.DuplicateReturnId,
            () => UpdateReturns(order, new ReturnPatch { IdentifierId = id }, new ReturnPatch { IdentifierAlias = Alias("ret-1") }));
    }

    [Fact]
    public void An_alias_id_names_at_most_one_return_of_the_order()
    {
        var order = Order();
        UpdateReturns(order, new ReturnPatch { Aliases = [Alias("ret-1")] }, new ReturnPatch { Aliases = [Alias("ret-2")] });
        var second = order.Returns.Details[1].Id;

        Refused.With(ErrorCodes.AliasValueAlreadyExists, () => UpdateReturns(order, new ReturnPatch { Aliases = [Alias("ret-1", "OTHER_TYPE")] }));
        Refused.With(ErrorCodes.AliasValueAlreadyExists, () => UpdateReturns(order, new ReturnPatch { IdentifierId = second, Aliases = [Alias("ret-1")] }));
    }

    [Fact]
    public void A_return_started_through_bwp_is_not_the_merchants_to_update()
    {
        var order = Delivered();
        var bwpReturn = ShopperReturn(order);

        Refused.With(ErrorCodes.ReturnNotUpdatable, () => UpdateReturns(order, new ReturnPatch { IdentifierId = bwpReturn.Id, State = ReturnStates.Completed }));
    }

    [Fact]
    public void Line_items_may_come_later_and_each_names_an_amount_of_a_known_line()
    {
        var order = Order();
        UpdateReturns(order, new ReturnPatch { Aliases = [Alias("ret-1")] });
        var line = order.LineItems[0];

        UpdateReturns(order, new ReturnPatch { IdentifierAlias = Alias("ret-1"), ReturnLineItems = [[Amount(line, 2)]] });

        Assert.Equal(2, order.Returns.Details.Single().CoveredAmounts.Single().Amount.Value);
        Refused.With(ErrorCodes.InvalidInput, () => UpdateReturns(order, new ReturnPatch { ReturnLineItems = [[]] }));
        Refused.With(ErrorCodes.InvalidAmount, () => UpdateReturns(order, new ReturnPatch { ReturnLineItems = [[Amount(line, 0)]] }));
        Refused.With(ErrorCodes.ItemDoesNotExist, () => UpdateReturns(order, new ReturnPatch { ReturnLineItems = [[new LineItemAmountPatch("ghost", new Quantity(1))]] }));
    }

    [Fact]
    public void Open_returns_cover_at_most_what_was_ordered_and_cancelled_ones_do_not_count()
    {
        var order = Order(AmazonLine(quantity: 2));
        var line = order.LineItems[0];
        UpdateReturns(order, new ReturnPatch { ReturnLineItems = [[Amount(line, 2)]] });

        Refused.With(ErrorCodes.InvalidAmount, () => UpdateReturns(order, new ReturnPatch { ReturnLineItems = [[Amount(line, 1)]] }));

        var order2 = Order(AmazonLine(quantity: 2));
        UpdateReturns(order2, new ReturnPatch { ReturnLineItems = [[Amount(order2.LineItems[0], 2)]] });
        UpdateReturns(order2, new ReturnPatch { IdentifierId = order2.Returns.Details[0].Id, State = ReturnStates.Cancelled });
        UpdateReturns(order2, new ReturnPatch { ReturnLineItems = [[Amount(order2.LineItems[0], 2)]] });
        Assert.Equal(2, order2.Returns.Details.Count);
    }
}
