using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.ReversalOffers;

/// <summary>BwP's return offers for products: 2024-01-01 generateReversalOffers, later reversalOffers.</summary>
public sealed class ReversalOffersModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => version.ReversalOffers == ReversalOffersQuery.Generate
        ? [$"ReversalOffers/Sdl/{version.SchemaName}.graphql"]
        : ["ReversalOffers/Sdl/collection.graphql", $"ReversalOffers/Sdl/{version.SchemaName}.graphql"];

    private static readonly string[] ReturnPolicyScopes = [Domain.Access.Scopes.ReturnPolicy, Domain.Access.Scopes.ViewCatalogData];

    public IReadOnlyDictionary<string, string[]> Scopes { get; } = new Dictionary<string, string[]>
    {
        ["reversalOffers"] = ReturnPolicyScopes, ["generateReversalOffers"] = ReturnPolicyScopes,
    };

    public void Configure(SchemaBuilder builder, ApiVersion version)
    {
        builder.ReversalItemIds();
        if (version.ReversalOffers == ReversalOffersQuery.Generate)
            builder.ReversalOfferGroups().Root("Query", "generateReversalOffers", ReversalOfferOperations.ReversalOffers, ReversalOfferInputs.Paths);
        else
            builder.ReversalOffers().Root("Query", "reversalOffers", ReversalOfferOperations.ReversalOffers, ReversalOfferInputs.Paths);
    }
}
