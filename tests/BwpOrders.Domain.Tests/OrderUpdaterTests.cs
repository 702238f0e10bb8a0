namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="OrderFactory"/>, <see cref="OrderUpdater"/> and <see cref="ExecutionState"/>: createOrder confirms the
/// order; updateOrder is a partial merge where a field left out keeps its value, links and aliases are only added, an
/// update that changes nothing is no change, and fulfilment starts once and never goes back.
/// </summary>
public sealed class OrderUpdaterTests
{
    private static Change? Execute(Order order, string desiredExecutionState) =>
        Update(order, new UpdateOrderCommand { Order = Lookup(order), DesiredExecutionState = desiredExecutionState });

    [Fact]
    public void A_created_order_is_confirmed_not_started_and_has_no_package()
    {
        var change = OrderFactory.Create(new CreateOrderCommand { LineItems = [AmazonLine()], Aliases = [Alias("o-1")] }, Created);

        Assert.Equal([Domain.EventTypes.OrderConfirmed], change.EventTypes());
        Assert.Equal(ExecutionStates.NotStarted, change.Order.Metadata.ExecutionState);
        Assert.Equal(Timestamps.Format(Created), change.Order.Metadata.CreatedAt);
        Assert.Empty(change.Order.PackageInformation.Details);
    }

    [Fact]
    public void A_field_left_out_keeps_its_value()
    {
        var order = Order();
        var customer = new Customer { Id = "c-1" };
        Update(order, new UpdateOrderCommand { Order = Lookup(order), Customer = customer, Taxes = new Taxes(null) });

        Update(order, new UpdateOrderCommand { Order = Lookup(order), TotalPrice = Usd(20) });

        Assert.Equal((customer, new Taxes(null), Usd(20)), (order.Customer, order.Taxes, order.TotalPrice!.Value));
    }

    [Fact]
    public void Links_and_aliases_are_only_added()
    {
        var order = Order();
        var link = new OrderLink("ORDER_DETAILS", "https://shop.example/1");
        Update(order, new UpdateOrderCommand { Order = Lookup(order), OrderLinks = [link], Aliases = [Alias("o-1")] });

        Update(order, new UpdateOrderCommand { Order = Lookup(order), OrderLinks = [link, link with { Url = "https://shop.example/2" }], Aliases = [Alias("o-2")] });

        Assert.Equal(2, order.OrderLinks.Count);
        Assert.Equal([Alias("o-1"), Alias("o-2")], order.Aliases);
    }

    [Fact]
    public void An_update_that_changes_nothing_is_no_change()
    {
        var order = Order();
        Update(order, new UpdateOrderCommand { Order = Lookup(order), Customer = new Customer { Id = "c-1" } });
        var updatedAt = order.Metadata.UpdatedAt;

        Assert.Null(OrderUpdater.Apply(order, new UpdateOrderCommand { Order = Lookup(order), Customer = new Customer { Id = "c-1" } }, Later.AddHours(1)));
        Assert.Equal(updatedAt, order.Metadata.UpdatedAt);
        Assert.NotNull(OrderUpdater.Apply(order, new UpdateOrderCommand { Order = Lookup(order), Customer = new Customer { Id = "c-2" } }, Later.AddHours(1)));
        Assert.Equal(Timestamps.Format(Later.AddHours(1)), order.Metadata.UpdatedAt);
    }

    [Fact]
    public void Starting_fulfilment_packages_the_amazon_lines_and_it_never_goes_back()
    {
        var order = Order(AmazonLine(quantity: 2), MerchantLine());

        Execute(order, ExecutionStates.Started);

        var package = order.PackageInformation.Details.Single();
        Assert.Equal([(order.LineItems[0].Id, 2m)], package.Amounts.Select(a => (a.LineItemId, a.Amount.Value)));
        Execute(order, ExecutionStates.Started);
        Refused.With(ErrorCodes.InvalidExecutionStateTransition, () => Execute(order, ExecutionStates.NotStarted));
    }

    [Fact]
    public void The_desired_execution_state_is_not_started_or_started()
    {
        var order = Order();

        Refused.With(ErrorCodes.InvalidInput, () => Execute(order, "SHIPPED"));
        Refused.With(ErrorCodes.InvalidInput, () => OrderFactory.Create(new CreateOrderCommand { LineItems = [AmazonLine()], DesiredExecutionState = "SHIPPED" }, Created));
    }
}
