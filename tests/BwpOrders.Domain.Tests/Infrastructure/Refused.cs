namespace BwpOrders.Domain.Tests.Infrastructure;

/// <summary>Assertions for a rule that refuses: which documented code it raises, and (where it checks before it writes) that it wrote nothing.</summary>
public static class Refused
{
    public static BwpException With(string code, Action rule)
    {
        var refused = Assert.Throws<BwpException>(rule);
        Assert.True(code == refused.Code, $"expected {code}, got {refused.Code}: {refused.Message}");
        return refused;
    }

    /// <summary>
    /// The rule refuses with <paramref name="code"/> and leaves <paramref name="order"/> as it was. Only for rules
    /// that check before they change anything: a refused updateOrder may leave its own copy of the order half-applied,
    /// and the promise that nothing changes is the store's (it writes nothing), checked by the black-box suite.
    /// </summary>
    public static BwpException Unchanged(Order order, string code, Action rule)
    {
        var before = OrderJson.Serialize(order);
        var refused = With(code, rule);
        Assert.Equal(before, OrderJson.Serialize(order));
        return refused;
    }

    /// <summary>One edge of a state machine: a legal <paramref name="move"/> reaches <paramref name="to"/>, any other is refused with <paramref name="code"/>.</summary>
    public static void UnlessLegal(bool legal, string code, Action move, string to, Func<string> state)
    {
        if (!legal)
        {
            With(code, move);
            return;
        }
        move();
        Assert.Equal(to, state());
    }
}
