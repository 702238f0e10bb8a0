using BwpOrders.Domain.Model;

namespace BwpOrders.Domain;

/// <summary>
/// Where a page of a newest-first listing ends: the creation time and id of its last row. The next page starts
/// after it, so rows created meanwhile never shift a page.
/// </summary>
public sealed record SearchCursor(string CreatedAt, string Id);

/// <summary>A page of a listing, newest first, and where the next one starts (null: this was the last).</summary>
public sealed record SearchPage<T>(IReadOnlyList<T> Items, SearchCursor? Next);

/// <summary>
/// A search of a target's orders; every filter given must hold. Creation times are BwP timestamps
/// (<see cref="Timestamps.Format"/>), the range is <c>createdAfter &lt;= createdAt &lt; createdBefore</c>.
/// </summary>
/// <param name="AliasId">An alias id of any type, or of <paramref name="AliasType"/> when given.</param>
/// <param name="PackageState">BwP's package summary state (<see cref="PackageSummary"/>): PENDING, IN_TRANSIT, DELIVERED or CANCELLED.</param>
public sealed record OrderSearch(
    string? OrderId = null, string? AliasId = null, string? AliasType = null, string? ExecutionState = null, string? PackageState = null,
    string? CreatedAfter = null, string? CreatedBefore = null, SearchCursor? After = null, int First = 50);

/// <summary>An order as a listing shows it: what it is searched by, without its document.</summary>
public sealed record OrderSummary(
    string OrderId, IReadOnlyList<Alias> Aliases, string ExecutionState, string? PackageState, string CreatedAt, string UpdatedAt, long Version);

/// <summary>A search of a target's returns, merchant's and shoppers' alike; every filter given must hold.</summary>
public sealed record ReturnSearch(
    string? ReturnId = null, string? OrderId = null, string? State = null, bool? StartedThroughBwp = null,
    string? CreatedAfter = null, string? CreatedBefore = null, SearchCursor? After = null, int First = 50);

public sealed record ReturnSummary(string ReturnId, string OrderId, string State, bool StartedThroughBwp, string CreatedAt);

/// <summary>
/// What of an order its listings are searched by, kept in columns beside its document: taken before a change and
/// after it, so only what moved is written.
/// </summary>
public sealed record OrderSearchFields(string ExecutionState, string? PackageState, IReadOnlyDictionary<string, string> ReturnStates)
{
    public static OrderSearchFields Of(Order order)
    {
        if (order.Returns.Details.Count == 0) return new(order.Metadata.ExecutionState, order.PackageInformation.Summary?.State, NoReturns);
        var returns = new Dictionary<string, string>();
        foreach (var r in order.Returns.Details) returns[r.Id] = r.State;
        return new(order.Metadata.ExecutionState, order.PackageInformation.Summary?.State, returns);
    }

    private static readonly IReadOnlyDictionary<string, string> NoReturns = new Dictionary<string, string>();
}
