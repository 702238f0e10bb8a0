using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.EventSubscriptions;

/// <summary>createEventSubscription: the event type and exactly one destination (checked by the service).</summary>
public sealed record CreateSubscriptionCommand(string EventType, EventBridgeTarget? EventBridge, WebhookTarget? Webhook);

public sealed record EventBridgeTarget(string Region, string Account, string Name);

/// <summary>A webhook as sent: its method under the reference's name or the guide's (<c>httpMethod</c>).</summary>
public sealed record WebhookTarget(string? Url, string? Method, string? AuthProfileId, AuthConfigInput? AuthConfig);

/// <summary>An auth configuration as sent: OAuth client credentials or basic auth (exactly one, checked by the service).</summary>
public sealed record AuthConfigInput(OAuthInput? OAuth, BasicAuthInput? Basic);

public sealed record OAuthInput(string? ClientId, string? ClientSecret, string? AuthEndpoint, string? HttpMethod,
    IReadOnlyList<(string? Key, string? Value)> BodyParameters, IReadOnlyList<(string? Key, string? Value)> HeaderParameters);

public sealed record BasicAuthInput(string? Username, string? Password);

/// <summary>createAuthProfile (an optional alias id) and updateAuthProfile (the profile's id).</summary>
public sealed record AuthProfileCommand(string? Id, AuthConfigInput? Config);

/// <summary>Maps the Event interface's inputs to commands, as the Order interface's are (one mapper for every version's names).</summary>
public static class EventSubscriptionInputs
{
    public static CreateSubscriptionCommand CreateSubscription(Input input)
    {
        var destination = input.Object("destination");
        return new CreateSubscriptionCommand(input.String("eventType") ?? "",
            destination.Map("eventBridge", b => new EventBridgeTarget(b.String("region") ?? "",
                b.Object("partnerEventSource").String("account") ?? "", b.Object("partnerEventSource").String("name") ?? "")),
            destination.Map("webhook", w => new WebhookTarget(w.String("url"), w.String("method") ?? w.String("httpMethod"),
                w.String("authProfileId"), w.Map("authConfig", AuthConfig))));
    }

    public static AuthProfileCommand CreateAuthProfile(Input input) => new(input.String("authProfileAliasId"), input.Map("authConfig", AuthConfig));

    public static AuthProfileCommand UpdateAuthProfile(Input input) => new(input.String("authProfileId"), input.Map("authConfig", AuthConfig));

    private static AuthConfigInput AuthConfig(Input config) => new(
        config.Map("oAuthConfig", o => new OAuthInput(o.Object("clientParameters").String("clientId"), o.Object("clientParameters").String("clientSecret"),
            o.String("authEndpoint"), o.String("httpMethod"), Pairs(o.Object("httpParameters"), "bodyParameters"), Pairs(o.Object("httpParameters"), "headerParameters"))),
        config.Map("basicAuthConfig", b => new BasicAuthInput(b.String("username"), b.String("password"))));

    private static IReadOnlyList<(string? Key, string? Value)> Pairs(Input parameters, string field) =>
        parameters.List(field, p => (p.String("key"), p.String("value"))) ?? [];
}
