using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Events;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// Tokens from merchants' OAuth 2.0 token endpoints (client credentials, the client authenticated with HTTP Basic,
/// the profile's body and header parameters sent as given once they pass <see cref="HeaderRules"/> again), each
/// cached for its target until shortly before it expires. A token is never shared between targets, even when two of
/// them configure the same endpoint and client.
/// </summary>
public sealed class OAuthTokens(DestinationHttp http, TimeProvider clock)
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10), LongestLifetime = TimeSpan.FromDays(1);
    // One fetch per profile at a time: deliveries sent together share it instead of each asking for a token. Each
    // token is kept until shortly before it expires (the keep-for time is unused: every entry says its own).
    private readonly ExpiringCache<string, string> _cache = new(clock, TimeSpan.Zero);

    public static TimeSpan LongestFetch => FetchTimeout;

    public Task<string> GetAsync(string targetId, OAuthConfig config, CancellationToken ct) =>
        _cache.GetSharedAsync(CacheKey(targetId, config), () => FetchAsync(targetId, config), ct);

    /// <summary>Forgets every token (a target's auth profiles were reset or restored; the keys do not say whose they are cheaply).</summary>
    public void ForgetAll() => _cache.Clear();

    /// <summary>Forgets a token the endpoint refused (401), so the next attempt fetches a fresh one.</summary>
    public void Forget(string targetId, OAuthConfig config) => _cache.Remove(CacheKey(targetId, config));

    private async Task<(string Token, DateTimeOffset Until)> FetchAsync(string targetId, OAuthConfig config)
    {
        using var timeout = new CancellationTokenSource(FetchTimeout);
        using var request = new HttpRequestMessage(new HttpMethod(config.HttpMethod), config.AuthEndpoint);
        var body = config.BodyParameters.Count > 0 ? config.BodyParameters : [new("grant_type", "client_credentials")];
        request.Content = new FormUrlEncodedContent(body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(config.ClientId)}:{Uri.EscapeDataString(config.ClientSecret)}")));
        for (var i = 0; i < config.HeaderParameters.Count; i++)
        {
            var (name, value) = config.HeaderParameters[i];
            // A profile stored before these rules existed: refused here too, saying which parameter, never its content.
            if (HeaderRules.NameProblem(name) is not null || HeaderRules.ValueProblem(value) is not null)
                throw new HttpRequestException($"header parameter {i + 1} of the auth profile is not a valid header; update the auth profile");
            if (!request.Headers.TryAddWithoutValidation(name, value)) // a content header (Content-Type, as BwP's example sends)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await http.For(targetId).SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"the auth endpoint answered {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(text);
        var token = json.RootElement.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!
            : throw new HttpRequestException("the auth endpoint's answer has no access_token");
        if (!HeaderRules.IsBearerToken(token)) throw new HttpRequestException("the auth endpoint's access_token is not a bearer token (visible ASCII, no spaces)");
        var lifetime = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds)
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, LongestLifetime.TotalSeconds)) : TimeSpan.FromMinutes(1);
        return (token, clock.GetUtcNow() + lifetime - TimeSpan.FromSeconds(Math.Min(30, lifetime.TotalSeconds / 10)));
    }

    // A hash, so secrets are not kept as dictionary keys; an updated profile is a different key.
    private static string CacheKey(string targetId, OAuthConfig c) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { targetId, c })));
}
