using BwpOrders.Domain.Catalog;
using BwpOrders.Server.GraphQL;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Server.Api.Catalog;

/// <summary>What a catalog field's resolver reads from its request: the caller's target and the catalog.</summary>
internal static class CatalogRequest
{
    public static string TargetId(this IResolveFieldContext ctx) => ((RequestContext)ctx.UserContext).TargetId;

    public static CatalogService Catalog(this IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<CatalogService>();
}
