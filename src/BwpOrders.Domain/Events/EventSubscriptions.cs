using System.Text.Json.Serialization;

namespace BwpOrders.Domain.Events;

/// <summary>
/// A target's subscription to one BwP event type (createEventSubscription), made through one API version: that
/// version names the event and shapes what is delivered.
/// </summary>
/// <param name="EventType">The event type as the subscription names it (the version's own name).</param>
/// <param name="CanonicalType">The same event by its 2024-11-01 name, as the outbox records it.</param>
public sealed record EventSubscription(
    string Id, string TargetId, string EventType, string CanonicalType, string ApiVersion, EventDestination Destination, string CreatedAt);

/// <summary>Where a subscription's events go.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(WebhookDestination), "webhook")]
[JsonDerivedType(typeof(EventBridgeDestination), "eventBridge")]
public abstract record EventDestination
{
    /// <summary>What makes two subscriptions of one event type the same (SubscriptionAlreadyExists).</summary>
    [JsonIgnore] public abstract string Key { get; }
}

/// <summary>An HTTPS endpoint of the merchant, called with the auth profile (stored or inline) applied.</summary>
public sealed record WebhookDestination(string Url, string Method, string? AuthProfileId, AuthConfig? InlineAuth) : EventDestination
{
    public override string Key => $"webhook {Method} {Url}";
}

/// <summary>An Amazon EventBridge partner event source in the merchant's AWS account; its name is globally unique.</summary>
public sealed record EventBridgeDestination(string Region, string Account, string Name) : EventDestination
{
    public override string Key => $"eventBridge {Region} {Account} {Name}";
    [JsonIgnore] public string Arn => $"arn:aws:events:{Region}::event-source/aws.partner/buywithprime/{Name}";
    [JsonIgnore] public string Source => $"aws.partner/buywithprime/{Name}";
}

/// <summary>How BwP authenticates to a merchant's webhook endpoint.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OAuthConfig), "oAuth")]
[JsonDerivedType(typeof(BasicAuthConfig), "basic")]
public abstract record AuthConfig;

/// <summary>OAuth 2.0 client credentials against the merchant's token endpoint; the token is sent as a bearer.</summary>
public sealed record OAuthConfig(
    string ClientId, string ClientSecret, string AuthEndpoint, string HttpMethod,
    IReadOnlyList<KeyValuePair<string, string>> BodyParameters, IReadOnlyList<KeyValuePair<string, string>> HeaderParameters) : AuthConfig;

/// <summary>HTTP Basic authentication.</summary>
public sealed record BasicAuthConfig(string Username, string Password) : AuthConfig;

/// <summary>A reusable, rotatable webhook auth configuration (createAuthProfile / updateAuthProfile).</summary>
public sealed record AuthProfile(string Id, string TargetId, string? AliasId, AuthConfig Config, string CreatedAt, string UpdatedAt);
