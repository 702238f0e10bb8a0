using BwpOrders.Domain.Checkout;
using BwpOrders.Server.GraphQL;
using GraphQL;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Server.Api.DeliveryPreview;

/// <summary>The Delivery Preview interface: deliveryPreview, in every version, each with its own input shape.</summary>
public sealed class DeliveryPreviewModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => version.DeliveryPreview == DeliveryPreviewShape.Items
        ? ["DeliveryPreview/Sdl/preview.graphql", $"DeliveryPreview/Sdl/{version.SchemaName}.graphql"]
        : ["DeliveryPreview/Sdl/preview.graphql", "DeliveryPreview/Sdl/products.graphql", $"DeliveryPreview/Sdl/{version.SchemaName}.graphql"];

    /// <summary>BwP's 2024-04-01 page names the scope "View Delivery Preview".</summary>
    public IReadOnlyDictionary<string, string[]> Scopes { get; } = new Dictionary<string, string[]> { ["deliveryPreview"] = [Domain.Access.Scopes.DeliveryPreview] };

    public void Configure(SchemaBuilder builder, ApiVersion version) => builder
        .Previews(version)
        .Root("Query", "deliveryPreview", Preview(version), DeliveryPreviewInputs.PathsIn(version));

    private static Func<IResolveFieldContext, RequestContext, Task<object?>> Preview(ApiVersion version) => async (ctx, request) =>
    {
        var (preview, wantPrime) = DeliveryPreviewInputs.Read(ctx.Argument("input"), version);
        var codes = version.DeliveryPreview == DeliveryPreviewShape.Items ? AvailabilityCodes.Item : AvailabilityCodes.Product;
        return await ctx.RequestServices!.GetRequiredService<DeliveryPreviewService>().PreviewAsync(request.TargetId, preview, codes, wantPrime, ctx.CancellationToken);
    };
}
