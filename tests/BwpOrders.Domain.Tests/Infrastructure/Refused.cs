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
    /// that check before they change anything; for a whole update, the store discards the half-applied order.
    /// </summary>
    public static BwpException Unchanged(Order order, string code, Action rule)
    {
        var before = OrderJson.Serialize(order);
        var refused = With(code, rule);
        Assert.Equal(before, OrderJson.Serialize(order));
        return refused;
    }
}

/// <summary>Every (from, to) pair of a state machine with whether it is legal, from a table a test writes by hand.</summary>
public static class Edges
{
    public static TheoryData<string, string, bool> Of(IReadOnlyDictionary<string, string[]> allowed)
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var from in allowed.Keys)
            foreach (var to in allowed.Keys)
                data.Add(from, to, allowed[from].Contains(to));
        return data;
    }
}
