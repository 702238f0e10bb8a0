using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Cancellations;

/// <summary>cancelOrder, and the cancellations a line item shows (in every version).</summary>
public sealed class CancellationsModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => version.CancelOrder == OrderArgument.None ? []
        : ["Cancellations/Sdl/cancellation.graphql", $"Cancellations/Sdl/{version.SchemaName}.graphql"];

    /// <summary>The cancellation's fields (reason, aliases) are in <c>input</c> in both versions.</summary>
    private static readonly InputPaths Paths = new("input");

    public void Configure(SchemaBuilder builder, ApiVersion version)
    {
        builder.Cancellations();
        if (version.CancelOrder == OrderArgument.InInput) builder.Root("Mutation", "cancelOrder", CancellationOperations.CancelByInput, Paths);
        else if (version.CancelOrder == OrderArgument.OrderIdentifier) builder.Root("Mutation", "cancelOrder", CancellationOperations.Cancel, Paths);
    }
}
