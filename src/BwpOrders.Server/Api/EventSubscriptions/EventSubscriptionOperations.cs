using BwpOrders.Domain.Events;
using BwpOrders.Server.GraphQL;
using GraphQL;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Server.Api.EventSubscriptions;

/// <summary>The Event interface's root fields, in the versions whose SDL declares them.</summary>
public static class EventSubscriptionOperations
{
    public static SchemaBuilder EventInterface(this SchemaBuilder builder, ApiVersion version)
    {
        builder
            .Root("Mutation", "createEventSubscription", async (ctx, request) =>
                new { SubscriptionId = await Service(ctx).CreateAsync(request.TargetId, version, EventSubscriptionInputs.CreateSubscription(ctx.Argument("input")), ctx.CancellationToken) })
            .Root("Mutation", "deleteEventSubscription", async (ctx, request) =>
                new { SubscriptionId = await Service(ctx).DeleteAsync(request.TargetId, ctx.GetArgument<string>("subscriptionId"), ctx.CancellationToken) });
        if (version.EventInterface == Api.EventInterface.SubscribeOnly) return builder;

        builder.Types.For("EventBridgeData").IsTypeOf<EventBridgeData>();
        if (version.EventInterface == Api.EventInterface.WithWebhooks) builder.Types.For("WebhookData").IsTypeOf<WebhookData>();
        builder.Root("Query", "eventSubscription", async (ctx, request) =>
            View(await Service(ctx).GetAsync(request.TargetId, ctx.GetArgument<string>("subscriptionId"), ctx.CancellationToken)));
        if (version.EventInterface == Api.EventInterface.WithLookup) return builder;

        return builder
            .Root("Query", "eventSubscriptions", async (ctx, request) =>
                await Service(ctx).ListAsync(request.TargetId, ctx.GetArgument<string?>("after"), ctx.GetArgument<int?>("first"), ctx.CancellationToken))
            .Root("Mutation", "createAuthProfile", async (ctx, request) =>
                new { AuthProfileId = await Service(ctx).CreateAuthProfileAsync(request.TargetId, EventSubscriptionInputs.CreateAuthProfile(ctx.Argument("input")), ctx.CancellationToken) })
            .Root("Mutation", "updateAuthProfile", async (ctx, request) =>
                new { AuthProfileId = await Service(ctx).UpdateAuthProfileAsync(request.TargetId, EventSubscriptionInputs.UpdateAuthProfile(ctx.Argument("input")), ctx.CancellationToken) })
            .Root("Mutation", "deleteAuthProfile", async (ctx, request) =>
                new { AuthProfileId = await Service(ctx).DeleteAuthProfileAsync(request.TargetId, ctx.GetArgument<string>("authProfileId"), ctx.CancellationToken) });
    }

    private static EventSubscriptionService Service(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<EventSubscriptionService>();

    private static object View(EventSubscription s) => new
    {
        SubscriptionId = s.Id,
        s.TargetId,
        EventSubscriptionDetails = new
        {
            Destination = s.Destination switch
            {
                EventBridgeDestination bridge => (object)new EventBridgeData(bridge.Arn),
                WebhookDestination webhook => new WebhookData(webhook.Url),
                _ => null,
            },
            s.EventType,
        },
    };

    private sealed record EventBridgeData(string Arn);

    private sealed record WebhookData(string Url);
}
