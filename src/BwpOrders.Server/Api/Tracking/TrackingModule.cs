using BwpOrders.Domain.Access;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Tracking;

/// <summary>The Tracking interface: packageTracker.</summary>
public sealed class TrackingModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => version.PackageTracking ? [$"Tracking/Sdl/{version.SchemaName}.graphql"] : [];

    public IReadOnlyDictionary<string, string[]> Scopes { get; } = new Dictionary<string, string[]> { ["packageTracker"] = [Domain.Access.Scopes.PackageTracking] };

    public void Configure(SchemaBuilder builder, ApiVersion version)
    {
        if (version.PackageTracking) builder.Root("Query", "packageTracker", TrackingOperations.Tracker);
    }
}
