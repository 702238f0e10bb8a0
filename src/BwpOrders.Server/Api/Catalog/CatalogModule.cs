using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Catalog;

/// <summary>
/// The Catalog interface: 2024-01-01's mappingProduct; from 2024-04-01 product, products, create/update/deleteProduct
/// and createPurchaseGroup.
/// </summary>
public sealed class CatalogModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) =>
        version.Catalog == CatalogInterface.MappingProduct
            ? [$"Catalog/Sdl/{version.SchemaName}.graphql"]
            : ["Catalog/Sdl/catalog.graphql", $"Catalog/Sdl/{version.SchemaName}.graphql"];

    private static readonly string[] CatalogScope = [Domain.Access.Scopes.CatalogData];

    public IReadOnlyDictionary<string, string[]> Scopes { get; } =
        new[] { "mappingProduct", "product", "products", "createProduct", "updateProduct", "deleteProduct", "createPurchaseGroup" }
            .ToDictionary(field => field, _ => CatalogScope);

    public void Configure(SchemaBuilder builder, ApiVersion version)
    {
        if (version.Catalog == CatalogInterface.MappingProduct)
        {
            builder.MappingProducts().Root("Query", "mappingProduct", CatalogOperations.MappingProduct);
            return;
        }
        builder.Products(version)
            .Root("Query", "product", CatalogOperations.Product)
            .Root("Query", "products", CatalogOperations.Products)
            .Root("Mutation", "createProduct", CatalogOperations.CreateProduct, CatalogInputs.InputFields)
            .Root("Mutation", "updateProduct", CatalogOperations.UpdateProduct, CatalogInputs.InputFields)
            .Root("Mutation", "deleteProduct", CatalogOperations.DeleteProduct)
            .Root("Mutation", "createPurchaseGroup", CatalogOperations.CreatePurchaseGroup, CatalogInputs.InputFields);
    }
}
