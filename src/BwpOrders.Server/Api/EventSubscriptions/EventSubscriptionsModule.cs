using GraphQL.Utilities;

namespace BwpOrders.Server.Api.EventSubscriptions;

/// <summary>The Event interface: subscriptions (and, where the version has them, auth profiles).</summary>
public sealed class EventSubscriptionsModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => ["EventSubscriptions/Sdl/events.graphql", $"EventSubscriptions/Sdl/{version.SchemaName}.graphql"];

    public void Configure(SchemaBuilder builder, ApiVersion version) => builder.EventInterface(version);
}
