namespace BwpOrders.Documented;

/// <summary>
/// BwP's documented state machines, written out by hand so that a wrong table in <c>src</c> cannot also make a test
/// pass. One copy, compiled into both test projects (the black-box suite and the domain unit tests).
/// </summary>
public static class StateMachines
{
    /// <summary>Refund states: current → the next states allowed.</summary>
    public static TheoryData<string, string, bool> RefundEdges() => AllEdges(new Dictionary<string, string[]>
    {
        ["PENDING"] = ["PENDING", "PARTIAL", "FAILURE", "SUCCESS", "REJECTED"],
        ["FAILURE"] = ["PARTIAL", "FAILURE", "SUCCESS"],
        ["PARTIAL"] = ["PARTIAL", "SUCCESS"],
        ["SUCCESS"] = ["SUCCESS"],
        ["REJECTED"] = ["REJECTED"],
    });

    /// <summary>The merchant's external return states (updateOrder's returns.details).</summary>
    public static TheoryData<string, string, bool> ReturnEdges() => AllEdges(new Dictionary<string, string[]>
    {
        ["CREATED"] = ["CREATED", "CANCELLED", "COMPLETED"],
        ["CANCELLED"] = ["CANCELLED"],
        ["COMPLETED"] = ["COMPLETED"],
    });

    /// <summary>A shopper return's package (BwP's sandbox updateOrderReturns), from CREATED to DELIVERED or FAILED.</summary>
    public static TheoryData<string, string, bool> ReturnPackageEdges() => AllEdges(new Dictionary<string, string[]>
    {
        ["CREATED"] = ["IN_TRANSIT", "DROPPED_OFF"],
        ["DROPPED_OFF"] = ["IN_TRANSIT"],
        ["IN_TRANSIT"] = ["DELIVERED", "FAILED"],
        ["DELIVERED"] = [],
        ["FAILED"] = [],
    });

    /// <summary>Every (from, to) pair of a machine, with whether the documented table allows it.</summary>
    public static TheoryData<string, string, bool> AllEdges(IReadOnlyDictionary<string, string[]> legal)
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var from in legal.Keys)
            foreach (var to in legal.Keys)
                data.Add(from, to, legal[from].Contains(to));
        return data;
    }
}
