using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Returns;

/// <summary>The Returns interface: return, createReturn and updateReturn, and returns as it shows them.</summary>
public sealed class ReturnsModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => version.ReturnsInterface ? [$"Returns/Sdl/{version.SchemaName}.graphql"] : [];

    public void Configure(SchemaBuilder builder, ApiVersion version)
    {
        if (!version.ReturnsInterface) return;
        builder.ReturnsView()
            .Root("Query", "return", ReturnOperations.Return)
            .Root("Mutation", "createReturn", ReturnOperations.CreateReturn, ReturnInputs.CreatePaths)
            .Root("Mutation", "updateReturn", ReturnOperations.UpdateReturn, ReturnInputs.UpdatePaths);
    }
}
