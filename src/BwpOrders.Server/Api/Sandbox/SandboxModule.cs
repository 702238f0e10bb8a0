using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Sandbox;

/// <summary>The sandbox mutations through which a test moves BwP's side (absent in production: their SDL is left out).</summary>
public sealed class SandboxModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) =>
        version.Sandbox == SandboxMutations.None || production ? [] : [$"Sandbox/Sdl/{version.SchemaName}.graphql"];

    public void Configure(SchemaBuilder builder, ApiVersion version)
    {
        if (version.Sandbox == SandboxMutations.None) return;
        var packageInformation = version.Sandbox == SandboxMutations.PackageInformation;
        builder.Root("Mutation", "updateOrderReturns", SandboxOperations.MoveReturns, packageInformation ? SandboxInputs.ReturnStatePaths : SandboxInputs.ReturnDetailsPaths);
        if (packageInformation) builder.Root("Mutation", "updateOrderPackageInformation", SandboxOperations.MovePackages, SandboxInputs.PackageInformationPaths);
        else builder.Root("Mutation", "updateOrderDeliveryInformation", SandboxOperations.MoveDeliveries, SandboxInputs.DeliveryInformationPaths);
    }
}
